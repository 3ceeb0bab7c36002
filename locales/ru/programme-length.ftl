# programme-length

## A programme both sides write: the mentee proposes a new plan item, the mentor decides.

btn-np-propose = ➕ Предложить пункт
btn-np-no-deadline = Без срока
btn-np-accept = ✅ Принять: { $title }
btn-np-edit = ✏️ Изменить
btn-np-reject = Отклонить
np-deadline = , срок { $date }
np-ask-text = Что добавить в программу? Напишите пункт одним сообщением — например, «Посетить открытый урок коллеги». Наставник получит предложение и ответит.
np-ask-deadline = «{ $title }» — к какому сроку? Напишите, например, «до пятницы», «через 2 недели», «25.12» — или нажмите «Без срока».
np-deadline-hint = Срок можно написать так: «до пятницы», «через 3 дня», «25.12» — или нажмите «Без срока».
np-sent = Предложение отправлено наставнику: «{ $title }»{ $deadline }. Когда он ответит, я напишу.
np-ask-mentor = { $gender ->
        [f] 📝 { $name } предложила добавить в программу пункт: «{ $title }»{ $deadline }.
        [m] 📝 { $name } предложил добавить в программу пункт: «{ $title }»{ $deadline }.
       *[other] 📝 Предложение добавить в программу пункт ({ $name }): «{ $title }»{ $deadline }.
    }
    Принять как есть, изменить текст или отклонить (с причиной)?
np-plan-line = ⏳ Предложено: «{ $title }»{ $deadline } — ждёт ответа наставника
np-ask-edit = Напишите пункт так, как его записать в программу (предложено: «{ $title }»).
np-ask-reason = Почему отклоняете «{ $title }»? Напишите коротко — наставляемый прочитает причину.
np-accepted = { $gender ->
        [f] Пункт добавлен в программу: «{ $title }»{ $deadline }. { $name } получила уведомление.
        [m] Пункт добавлен в программу: «{ $title }»{ $deadline }. { $name } получил уведомление.
       *[other] Пункт добавлен в программу: «{ $title }»{ $deadline }. Уведомление отправлено: { $name }.
    }
np-rejected = { $gender ->
        [f] Предложение «{ $title }» отклонено. { $name } получила уведомление с причиной.
        [m] Предложение «{ $title }» отклонено. { $name } получил уведомление с причиной.
       *[other] Предложение «{ $title }» отклонено. Уведомление с причиной отправлено: { $name }.
    }
np-accepted-mentee = { $gender ->
        [f] ✅ { $mentor } приняла ваше предложение: «{ $title }»{ $deadline } — теперь это пункт программы.
        [m] ✅ { $mentor } принял ваше предложение: «{ $title }»{ $deadline } — теперь это пункт программы.
       *[other] ✅ Ваше предложение принято ({ $mentor }): «{ $title }»{ $deadline } — теперь это пункт программы.
    }
np-edited-mentee = { $gender ->
        [f] ✅ { $mentor } приняла ваше предложение «{ $title }» с изменениями: «{ $new }»{ $deadline }.
        [m] ✅ { $mentor } принял ваше предложение «{ $title }» с изменениями: «{ $new }»{ $deadline }.
       *[other] ✅ Ваше предложение «{ $title }» принято с изменениями ({ $mentor }): «{ $new }»{ $deadline }.
    }
np-rejected-mentee = { $gender ->
        [f] { $mentor } отклонила ваше предложение «{ $title }». Причина: { $reason }
        [m] { $mentor } отклонил ваше предложение «{ $title }». Причина: { $reason }
       *[other] Ваше предложение «{ $title }» отклонено ({ $mentor }). Причина: { $reason }
    }
np-already = Это предложение уже рассмотрено: «{ $title }» — { $state ->
        [accepted] принято
       *[rejected] отклонено
    }.
np-history-proposed = { $when } · { $name } · { $gender ->
        [f] предложила
        [m] предложил
       *[other] предложение:
    } пункт «{ $title }»{ $deadline }
np-history-decided = { $when } · { $who } · { $state ->
        [accepted] пункт «{ $title }» принят
        [edited] пункт «{ $title }» принят с изменениями: «{ $new }»
       *[rejected] пункт «{ $title }» отклонён: { $reason }
    }
pd-plan-proposals = Предложенные пункты программы и ответы на них

## The programme's length: chosen when the pair is formed, changed by agreement.

btn-ln-months = { $months } { $months ->
        [one] месяц
        [few] месяца
       *[many] месяцев
    }
btn-ln-change = 🗓 Срок программы
btn-ln-to = { $months } { $months ->
        [one] месяц
        [few] месяца
       *[many] месяцев
    } — до { $end }
ln-curator-choose = Срок программы — до { $end } (отмечен ✓). Выберите другой, если нужно:
ln-curator-choose-other = Срок программы — до { $end } (продолжается программа прежней пары). Выберите другой, если нужно:
ln-set-done = Пара №{ $pair }: программа на { $months } { $months ->
        [one] месяц
        [few] месяца
       *[many] месяцев
    }, до { $end }.
ln-set-told = 🗓 Куратор установил срок программы: { $months } { $months ->
        [one] месяц
        [few] месяца
       *[many] месяцев
    }, до { $end }.
ln-already-agreed = Срок программы уже изменён по согласию сторон — куратор его не меняет.
ln-ask = Программа идёт с { $start } до { $end }. Какой срок предложить (от 3 до 12 месяцев от начала)? Нужно согласие второй стороны.
ln-requested = Предложение — программа на { $months } { $months ->
        [one] месяц
        [few] месяца
       *[many] месяцев
    }, до { $end } — отправлено. Нужно согласие второй стороны.
ln-ask-other = { $gender ->
        [f] { $name } предложила изменить срок программы: { $months } { $months ->
                [one] месяц
                [few] месяца
               *[many] месяцев
            } от начала, до { $end }. Согласны?
        [m] { $name } предложил изменить срок программы: { $months } { $months ->
                [one] месяц
                [few] месяца
               *[many] месяцев
            } от начала, до { $end }. Согласны?
       *[other] Предложение изменить срок программы ({ $name }): { $months } { $months ->
                [one] месяц
                [few] месяца
               *[many] месяцев
            } от начала, до { $end }. Согласны?
    }
ln-confirmed = Срок программы изменён по согласию: теперь она идёт до { $end }.
ln-rejected = Новый срок не согласован — программа идёт в прежние сроки.
ln-curator-changed = Пара №{ $pair }: срок программы изменён по взаимному согласию — до { $end }.
hist-length = срок программы изменён: { $from } → { $to }

## Several mentors for one mentee (002 §5.2): the curator adds a second mentor.

btn-sm-add = ➕ Добавить второго наставника
sm-description = Второй наставник для того же наставляемого (пара №{ $pair } продолжается), например предметник и классный руководитель.
sm-already-open = У наставляемого уже есть открытый запрос — откройте его в /requests.
sm-told-mentee = Куратор подбирает вам второго наставника; работа в паре продолжается (наставник: { $mentor }). Когда наставник согласится, я попрошу вас подтвердить.
