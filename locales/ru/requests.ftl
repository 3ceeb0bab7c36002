# Requests for a mentor, proposals, pairs, petitions, resignations (/request, /requests, /pair…).

cmd-request = попросить наставника
cmd-replace = попросить заменить наставника
cmd-pair = моя пара: сроки, продление, завершение
cmd-resign = сложить обязанности наставника
cmd-requests = запросы, ходатайства и заявления
cmd-pairs = пары моей организации
cmd-history = история изменений пар

btn-withdraw = Отозвать запрос
btn-accept = Принять
btn-decline = Отказаться
btn-approve = Одобрить
btn-reject = Отклонить
btn-confirm = Подтвердить
btn-confirm-pair = Подтверждаю
btn-refuse-pair = Не подходит
btn-propose = { $n }. Предложить: { $name }
btn-propose-group = { $n }. В группу
btn-reject-request = Отклонить запрос
btn-to-list = ◀ К списку
btn-open-request = Открыть запрос
btn-open-pair = Открыть пару
btn-pair-extend = Продлить
btn-pair-end = Завершить
btn-pair-order = Приказ
btn-pair-history = История
btn-extend-months = +{ $months } мес.

rq-status-open = ждёт подбора наставника
rq-status-proposed = наставнику отправлено предложение
rq-status-accepted = наставник согласен, ждём вашего подтверждения
rq-status-matched = пара сформирована
rq-status-rejected = отклонён
rq-status-withdrawn = отозван
rq-kind-new = новый запрос
rq-kind-replacement = замена наставника
rq-kind-rematch = наставник сложил обязанности
rq-form-unknown = Не знаю, пусть подскажет куратор

rq-ask-areas = В чём вам нужна помощь наставника? Отметьте темы (я отметил те, что вы указали в анкете) и нажмите «Готово».
rq-ask-description = Опишите коротко, с чем трудно, — куратору так будет проще подобрать наставника. Например: «Не получается удерживать дисциплину в 7Б на уроках после обеда».
rq-description-short = Напишите чуть подробнее — хотя бы одно предложение.
rq-description-long = Слишком длинно: { $len } символов, а можно до { $max }. Сократите, пожалуйста.
rq-ask-form = Какая форма наставничества вам ближе?
rq-ask-wish = Есть ли наставник, с которым вам хотелось бы работать?
rq-wish-pick = Выбрать из банка наставников
rq-wish-none = Без пожеланий
rq-ask-wish-pick = Выберите наставника — куратор учтёт ваше пожелание:
rq-wish-empty = Сейчас нет свободных наставников, куратор подберёт сам.
rq-created = Запрос №{ $id } отправлен куратору. Я напишу, как только появится наставник. Статус всегда виден по команде /request.
rq-already-open = У вас уже есть открытый запрос — его статус в /request.
rq-already-paired = У вас уже есть наставник. Если нужна замена — /replace, если хотите посмотреть пару — /pair.
rq-mentee-status = Запрос №{ $id }: { $status }.
    Темы: { $areas }
    Форма: { $form }
rq-mentee-waiting-you = Наставник { $mentor } согласен работать с вами — подтвердите в сообщении выше.
rq-withdrawn = Запрос №{ $id } отозван. Если понадобится — /request.

inbox-empty = Новых запросов, ходатайств и заявлений нет.
inbox-header = Ждут вашего решения: { $count }.
inbox-petition = Ходатайство о замене · { $name }
inbox-resignation = Сложение обязанностей · { $name }

rq-curator-new = Новый запрос на наставника.
rq-curator-replacement = Ходатайство одобрено — подберите нового наставника (прежний исключён из подбора).
rq-curator-rematch = Наставник сложил обязанности — подберите нового наставника.
rq-curator-mentee-refused = Наставляемый не подтвердил предложенного наставника — предложите другого.
rq-curator-withdrawn = Наставляемый отозвал запрос №{ $id }.
rq-curator-mentor-accepted = По запросу №{ $id } наставник { $mentor } согласился. Ждём подтверждения наставляемого.
rq-curator-mentor-declined = По запросу №{ $id } наставник { $mentor } отказался ({ $reason }). Предложите другого.
rq-curator-pair-formed = Пара №{ $pair } сформирована: { $name } начинает работу с наставником. Не забудьте внести номер и дату приказа.

rq-card = Запрос №{ $id } ({ $kind })
    Кто: { $name }, { $position }, стаж { $experience } { $experience ->
        [one] год
        [few] года
       *[many] лет
    }
    Категория: { $category }
    Темы: { $areas }
    Описание: { $description }
    Форма: { $form }
    Статус: { $status }
rq-card-wish = Пожелание: наставник { $mentor }
rq-card-proposed = Предложено наставнику { $mentor }, ждём ответа.
rq-card-accepted = Наставник { $mentor } согласен, ждём подтверждения наставляемого.
rq-suggestions = Подходящие наставники:
rq-no-suggestions = Свободных подходящих наставников сейчас нет. Пригласите наставников (/invite) или попросите коллег из других школ открыть профиль для дистанционной работы.
rq-reason-overlap = совпадает { $overlap } из { $total } { $total ->
    [one] темы
   *[other] тем
}
rq-reason-free = свободно { $free } { $free ->
    [one] место
    [few] места
   *[many] мест
}
rq-reason-same-org = ваша организация
rq-reason-other-org = другая организация, дистанционно
rq-reason-wished = выбор наставляемого
rq-mentor-unavailable = Этот наставник сейчас недоступен (нет мест или он отказался). Выберите другого.
rq-proposed-sent = Предложение отправлено наставнику.
rq-ask-reject-reason = Напишите причину отклонения запроса №{ $id } — наставляемый её увидит.
rq-rejected-curator = Запрос №{ $id } отклонён, наставляемому сообщено.
rq-rejected-mentee = Куратор отклонил ваш запрос. Причина: { $reason }. Если нужно, создайте новый — /request.
ask-reject-reason = Напишите причину — человек её увидит.
reason-length = Напишите от 2 до 500 символов.

rq-proposal = Куратор предлагает вам стать наставником.
    Наставляемый: { $name } ({ $org })
    Категория: { $category }
    Темы: { $areas }
    С чем трудно: { $description }
    Форма: { $form }
    Участие добровольное — вы можете отказаться.
rq-proposal-group = Куратор предлагает добавить в вашу группу ещё одного наставляемого.
    Наставляемый: { $name } ({ $org })
    Категория: { $category }
    Темы: { $areas }
    С чем трудно: { $description }
    Форма: { $form }
    Участие добровольное — вы можете отказаться.
rq-ask-decline-reason = Почему отказываетесь? Это поможет куратору.
rq-decline-busy = Нет времени
rq-decline-profile = Не мой профиль
rq-decline-other = Другая причина
rq-mentor-accepted = Спасибо! Вы согласились наставлять: { $name }. Осталось подтверждение наставляемого — я сообщу.
rq-mentor-declined = Понятно, отказ записан. Куратор подберёт другого наставника.
rq-mentor-proposal-withdrawn = Предложение стать наставником отменено — ничего делать не нужно.
rq-mentee-confirm = Хорошая новость: наставник { $mentor } готов работать с вами. Подтвердите — и пара начнёт работу.
rq-mentee-refused = Хорошо, куратор подберёт другого наставника.
rq-pair-formed-mentee = Пара сформирована! Ваш наставник — { $mentor }. Программа: с { $start } по { $end }. Подробности — /pair.
rq-pair-formed-mentor = Пара сформирована: ваш наставляемый — { $name }. Программа: с { $start } по { $end }. Подробности — /pair.
rq-pair-joined-mentor = В вашу группу добавлен наставляемый: { $name }. Подробности — /pair.
rq-already-done = Это уже сделано — повторять не нужно.
rq-mentor-full = У наставника закончились свободные места. Куратор предложит другого.

pairs-none = У вас пока нет активной пары. Наставляемым — /request.
pairs-none-org = В вашей организации пока нет активных пар.
pairs-choose = Пар: { $count }. Выберите:
pair-card = Пара №{ $id }
    Наставник: { $mentor }
    Наставляемый: { $mentees }
    Организация: { $org }
    Форма: { $forms }
    Программа: с { $start } по { $end }
    Приказ: { $order }
    Статус: { $status }
pair-card-group = Группа №{ $id }
    Наставник: { $mentor }
    Наставляемые: { $mentees }
    Организация: { $org }
    Форма: { $forms }
    Программа: с { $start } по { $end }
    Приказ: { $order }
    Статус: { $status }
pair-active = работает
pair-order = № { $number } от { $date }
pair-no-order = не указан
pair-ask-order = Напишите номер и дату приказа, например: № 01-12/45 от 02.09.2026 или 45 от 2.9.26
pair-order-saved = Приказ № { $number } от { $date } записан.
pair-ask-end-reason = Почему завершаем программу?
pair-end-requested = Просьба о завершении отправлена куратору — он подтвердит.
pair-change-pending = По этой паре уже ждёт решения другая просьба. Дождитесь ответа.
pair-curator-end-request = Пара №{ $pair }: { $name } просит завершить программу. Причина: { $reason }.
pair-end-confirmed = Программа завершена. Спасибо за работу!
pair-end-rejected = Куратор решил продолжить программу.
pair-ended = Пара №{ $id } завершена: { $reason }.
pair-ended-party = Куратор завершил программу наставничества: { $reason }.
pair-ask-extension = Программа идёт до { $end }. На сколько продлить?
pair-extension-requested = Предложение продлить до { $end } отправлено — нужно согласие второй стороны.
pair-extension-ask-other = { $name } предлагает продлить программу до { $end }. Согласны?
pair-extension-confirmed = Программа продлена до { $end }.
pair-extension-rejected = Продление не согласовано — программа идёт в прежние сроки.
pair-curator-extended = Пара №{ $pair }: программа продлена до { $end } по взаимному согласию.
pair-history-header = История пары №{ $id }:
history-header = Последние изменения пар:
history-empty = Изменений пока нет.
history-system = бот

end-reason-completed = план выполнен полностью
end-reason-mentor = по инициативе наставника
end-reason-mentee = по инициативе наставляемого
end-reason-mutual = по обоюдному согласию
end-reason-improper = решение куратора: программа не выполняется надлежащим образом
end-reason-replacement = замена наставника
end-reason-resigned = наставник сложил обязанности
end-reason-completed-short = План выполнен
end-reason-mentor-short = По моей инициативе
end-reason-mentee-short = По моей инициативе
end-reason-mutual-short = По обоюдному согласию
end-reason-improper-short = Не выполняется
end-reason-replacement-short = Замена наставника
end-reason-resigned-short = Сложение обязанностей

pt-no-pair = У вас нет активной пары, заменять некого. Найти наставника — /request.
pt-ask-reason = Ходатайство о замене наставника ({ $mentor }). Его увидят только куратор и руководитель — наставник не узнает. Что случилось?
pt-reason-incompatible = Не сложилось взаимодействие
pt-reason-unavailable = Наставник недоступен
pt-reason-competence = Нужна другая компетенция
pt-reason-other = Другое
pt-ask-text = Опишите в двух словах — это поможет куратору.
pt-filed = Ходатайство отправлено куратору. Я сообщу о решении.
pt-already = Ваше ходатайство уже на рассмотрении.
pt-curator = Ходатайство о замене наставника.
    Наставляемый: { $name }
    Наставник: { $mentor }
    Причина: { $reason }
    Пояснение: { $text }
    Наставник об этом не знает.
pt-deciding = Решение принято.
pt-approved-curator = Ходатайство одобрено: пара закрыта с причиной «замена наставника», открыт новый подбор без прежнего наставника.
pt-rejected-curator = Ходатайство отклонено, наставляемому сообщено.
pt-approved-mentee = Ваше ходатайство одобрено. Куратор подберёт нового наставника — я напишу.
pt-rejected-mentee = Куратор не одобрил замену наставника. Причина: { $reason }.
pt-mentor-pair-closed = Ваша пара завершена. Спасибо за вашу работу!
pt-mentor-group-left = Состав вашей группы изменился: один из наставляемых больше в ней не занимается. Спасибо за вашу работу!

rs-ask-reason = Заявление о сложении обязанностей наставника. Напишите причину — её увидят куратор и руководитель. Передумали — /cancel.
rs-filed = Заявление отправлено куратору. Пока он не решил, вы остаётесь наставником.
rs-already = Ваше заявление уже на рассмотрении.
rs-curator = Заявление о сложении обязанностей наставника.
    Наставник: { $name }
    Причина: { $reason }
    При одобрении его наставляемым будут подобраны новые наставники.
rs-approved-curator = Заявление одобрено: пары закрыты, для наставляемых открыт новый подбор.
rs-rejected-curator = Заявление отклонено, наставнику сообщено.
rs-approved-mentor = Куратор принял ваше заявление. Спасибо за работу с коллегами!
rs-rejected-mentor = Куратор просит пока продолжить работу. Причина: { $reason }.
rs-mentee-informed = Ваш наставник, к сожалению, больше не сможет продолжать программу. Это не связано с вами. Куратор уже подбирает вам нового наставника — я напишу, как только он найдётся.
