# Приказы руководителя, документы школы, руководитель ОО.

## Приказ: номер и дата
order-err-empty = Не вижу ни номера, ни даты. Напишите так: № 01-12/45 от 02.09.2026
order-err-no-date = Не вижу даты приказа в конце. Напишите так: 45 от 02.09.2026
order-err-bad-date = Такой даты нет. Проверьте день, месяц и год: например, 02.09.2026 или 2.9.26.
order-err-no-number = Не вижу номера приказа (в нём должна быть хотя бы одна цифра). Напишите так: № 45 от 02.09.2026
order-err-number-long = Номер приказа слишком длинный: не больше 40 знаков.
order-err-future = Дата приказа — позже сегодняшнего дня ({ $today }). Приказ вносят после подписания: проверьте дату.
order-err-before-start = Приказ датирован раньше начала работы пары ({ $start }). Проверьте дату.
btn-order-apply-rest = { $count ->
    [one] Тот же приказ — ещё { $count } паре без приказа
   *[other] Тот же приказ — ещё { $count } парам без приказа
}
order-applied = { $count ->
    [0] Пар без приказа не осталось.
    [one] Приказ № { $number } от { $date } внесён ещё для { $count } пары: { $pairs }.
   *[other] Приказ № { $number } от { $date } внесён ещё для { $count } пар: { $pairs }.
}

## Виды документов
doc-kind-programme = Персонализированная программа наставничества
doc-kind-order = Проект приказа о закреплении наставников
doc-kind-adaptation = Отчёт наставника о ходе адаптации
doc-kind-final = Итоговый отчёт по программе
doc-kind-spravka = Аналитическая справка
doc-kind-mentors = Банк наставников
doc-kind-mentees = Банк наставляемых
doc-kind-consent = Сведения о согласиях
doc-err-not-found = Такого документа нет: проверьте номер пары или человека.
doc-err-empty = Документ получился бы пустым, поэтому я его не делаю.

## Общие части документов
doc-page = стр.
doc-page-of = из
doc-xl-footer = стр. { $page } из { $pages }
doc-year-suffix = г.
doc-org = Образовательная организация
doc-mentor = Наставник
doc-mentee = Наставляемый
doc-head = Руководитель ОО
doc-curator = Куратор
doc-forms = Формы наставничества
doc-areas = Направления (запросы наставляемого)
doc-period = Срок реализации
doc-period-value = с { $from } по { $to }
doc-order = Приказ о закреплении
doc-no-order = не издан (пара работает без приказа)
doc-ended = Программа завершена
doc-made-on = Документ сформирован { $date }.
doc-never = не было
doc-no-consent = нет сведений
doc-person = Ф. И. О.
doc-roles = Роли в программе
doc-registered = Регистрация в боте
doc-status-planned = запланировано
doc-status-submitted = выполнено, ждёт проверки
doc-status-rework = на доработке
doc-status-done = выполнено
doc-status-cancelled = отменено
doc-status-overdue = просрочено
doc-mentor-status-active = активен
doc-mentor-status-paused = пауза
doc-mentor-status-resigned = сложил обязанности

## Столбцы таблиц
doc-col-no = №
doc-col-activity = Мероприятие, задание
doc-col-area = Направление
doc-col-deadline = Срок
doc-col-status = Отметка о выполнении
doc-col-product = Продукт
doc-col-self-score = Самооценка
doc-col-self-comment = Мнение наставляемого о результате
doc-col-mentor = Наставник
doc-col-mentees = Наставляемые
doc-col-forms = Форма наставничества
doc-col-dates = Срок программы
doc-col-consents = Согласия участников
doc-col-indicator = Показатель
doc-col-value = Значение
doc-col-date = Дата
doc-col-minutes = Минут
doc-col-topic = Тема
doc-col-question = Вопрос анкеты
doc-col-change = Изменение (выход − вход)
doc-col-answered = Ответили
doc-col-org = Организация
doc-col-meetings = Встречи в периоде
doc-col-plan = План: выполнено
doc-col-order = Приказ
doc-col-consent = Согласие
doc-col-basis = На что дано
doc-col-when = Когда
doc-col-name = Ф. И. О.
doc-col-position = Должность
doc-col-experience = Стаж, лет
doc-col-competences = Компетенции
doc-col-capacity = Мест
doc-col-load = Наставляемых сейчас
doc-col-mentor-status = Статус
doc-col-mentor-consent = Согласие на наставничество
doc-col-updated = Обновлено
doc-col-category = Категория
doc-col-requests = Запросы (направления)
doc-col-pd-consent = Согласие на обработку ПДн

## 1. Программа
doc-programme-title = ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА
doc-programme-of-pair = пары № { $id }
doc-programme-of-group = группы № { $id }
doc-section-participants = 1. Участники, формы и сроки
doc-section-goals = 2. Цели и задачи
doc-section-plan = 3. План мероприятий
doc-section-products = 4. Результаты (продукты) и самооценка наставляемого
doc-section-signatures = 5. Согласовано
doc-no-goals = Цели в программу пока не внесены.
doc-no-plan = Мероприятия в план пока не внесены.
doc-no-products = Продуктов пока нет.
doc-programme-agreed = С программой ознакомлены и согласны:

## 2. Проект приказа
doc-order-title = ПРИКАЗ
doc-order-number-line = от { $date }                № ______
doc-order-subject = О закреплении наставников за наставляемыми
doc-order-preamble = В соответствии с Положением о системе наставничества педагогических работников образовательной организации, на основании письменного согласия участников
doc-order-resolve = ПРИКАЗЫВАЮ:
doc-order-item-1 = 1. Закрепить наставников за наставляемыми и утвердить формы и сроки реализации персонализированных программ наставничества:
doc-order-item-2 = 2. Назначить ответственным за организацию и сопровождение работы наставнических пар и групп куратора реализации программ наставничества { $curator }.
doc-order-item-3 = 3. Наставникам в течение месяца разработать совместно с наставляемыми персонализированные программы наставничества и представить их куратору.
doc-order-item-4 = 4. Контроль исполнения приказа оставляю за собой.
doc-consent-of = { $name }: { $at }
doc-order-acquainted = С приказом ознакомлены:

## 3. Отчёты
doc-report-to = Куратору реализации программ наставничества { $curator }
doc-adaptation-title = ОТЧЁТ НАСТАВНИКА О ХОДЕ АДАПТАЦИИ НАСТАВЛЯЕМОГО
doc-final-title = ИТОГОВЫЙ ОТЧЁТ ПО ПЕРСОНАЛИЗИРОВАННОЙ ПРОГРАММЕ НАСТАВНИЧЕСТВА
doc-report-period = за период с { $from } по { $to }
doc-report-plan = План мероприятий
doc-report-products = Результаты (продукты) и самооценка наставляемого
doc-section-figures = Работа за период в цифрах
doc-section-meetings = Встречи
doc-section-change = Изменения по анкетам (вход и выход из программы)
doc-section-comment = Комментарий наставника
doc-fig-meetings = Встречи
doc-fig-hours = Часы работы (встречи и помощь)
doc-fig-helped = Ситуационная помощь
doc-fig-tasks = Задания
doc-fig-tasks-value = выдано { $given }, сдано { $submitted }, проверено { $checked }
doc-fig-plan = План
doc-fig-plan-value = выполнено { $done } из { $total }, просрочено { $overdue }
doc-fig-sos = Вопросы через /sos
doc-fig-sos-value = задано { $asked }, отвечено { $answered }, медиана ответа { $median } мин
doc-no-meetings = Встреч в этом периоде не было.
doc-no-change = Анкеты на входе и выходе пока не заполнены обе.

## 4. Справка
doc-spravka-title = АНАЛИТИЧЕСКАЯ СПРАВКА
doc-spravka-org = о реализации программ наставничества в { $scope }
doc-spravka-district = о реализации целевой модели наставничества: { $scope }
doc-section-indicators = 1. Показатели и целевые значения
doc-section-pairs = 2. Работа пар и групп
doc-section-risks = 3. Риски
doc-section-conclusions = 4. Выводы и предложения
doc-meetings-value = { $count } ({ $hours } ч)
doc-plan-value = { $done } из { $total }
doc-risk-silent = Пары без встреч больше { $days } дней
doc-risk-overdue = Пары с просроченными заданиями
doc-risk-unanswered = Пары с вопросами без ответа
doc-risk-without-order = Пары без приказа
doc-risk-none = нет
doc-risk-silent-pair = № { $id }, наставник { $mentor }: последняя встреча — { $last }
doc-risk-overdue-pair = № { $id }, наставник { $mentor }: просрочено { $count }
doc-risk-unanswered-pair = № { $id }, наставник { $mentor }: без ответа { $count }
doc-conclusions-blank = ________________________________________________________________

## 6. Согласия
doc-consent-title = СВЕДЕНИЯ О СОГЛАСИЯХ УЧАСТНИКА ПРОГРАММЫ НАСТАВНИЧЕСТВА
doc-consent-pd = Обработка персональных данных
doc-consent-pd-basis = Федеральный закон от 27.07.2006 № 152-ФЗ: Ф. И. О., должность, предметы, стаж, организация, записи о работе в программе
doc-consent-mentor = Выполнение обязанностей наставника
doc-consent-mentor-basis = письменное согласие наставника (Положение о наставничестве)
doc-consent-mentee = Участие в программе в роли наставляемого
doc-consent-mentee-basis = анкета наставляемого с запросами (последнее подтверждение)
doc-consent-withdraw = Согласие можно отозвать в любой момент командой /forget; сохранённые сведения можно посмотреть командой /mydata.

## /documents
cmd-documents = документы: программа, приказ, отчёты, справка, банки, согласия
doc-choose-kind = Какой документ подготовить? Пришлю файлом (Word или Excel, А4).
doc-choose-pair = Для какой пары или группы?
doc-choose-org = Для какой организации?
doc-choose-period = За какой период?
doc-period-m0 = Текущий месяц
doc-period-m1 = Прошлый месяц
doc-period-y = С начала учебного года
doc-no-pairs = Пар, по которым вам доступен этот документ, пока нет.
doc-making = Готовлю: { $kind }…
doc-empty-programme = По этой паре пока нечего выводить в программу.
doc-empty-order = Все активные пары уже закреплены приказом — проект приказа не нужен.
doc-empty-adaptation = Наставник ещё не отправлял отчёт о ходе адаптации (/adaptation), выводить нечего.
doc-empty-final = По этой паре пока нечего выводить в итоговый отчёт.
doc-empty-spravka = За период с { $from } по { $to } ни одна пара не работала — справка была бы пустой.
doc-empty-mentors = В банке наставников пока никого нет.
doc-empty-mentees = В банке наставляемых пока никого нет.
doc-empty-consent = Сведений о согласиях нет.

## Руководитель ОО
digest-awaiting-order = Ждут приказа ({ $count }): { $pairs }
digest-and-more = и ещё { $count }
digest-head = Школа в одном сообщении: { $org }
    • этап { $stage } — «{ $stage_name }»
    • активных пар и групп: { $pairs }, из них без приказа: { $no_order }
    • без встреч больше двух недель: { $silent }
    • просроченных заданий: { $overdue }
    • программ заканчивается или истекло: { $ending }
    • ждут решения куратора (ходатайства, заявления): { $decisions }
    • новых запросов за неделю: { $requests }; предложений ждут ответа: { $proposals }
    • встреч за неделю: { $meetings } ({ $hours } ч)
help-head = Вы — руководитель организации: видите пары школы (/pairs), вносите приказ о закреплении пар, получаете копии ходатайств о замене наставника и заявлений наставников, /digest — вся школа в одном сообщении, /documents — проект приказа, программы, справка, банки.
pt-head-copy = Копия для руководителя. { $text }
rs-head-copy = Копия для руководителя. { $text }
pt-head-decided = Решение куратора ({ $curator }) по ходатайству о замене наставника — { $name }: { $approved ->
    [yes] одобрено
   *[no] отклонено
}.
rs-head-decided = Решение куратора ({ $curator }) по заявлению о сложении обязанностей наставника — { $name }: { $approved ->
    [yes] принято
   *[no] отклонено
}.
