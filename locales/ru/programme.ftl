## The pair's programme as teachers live it (issue 21): proposals waiting in /pair.

pairs-none-mentor = У вас пока нет активной пары. Когда куратор предложит вам наставляемого, предложение придёт сюда — и будет ждать вашего ответа в /pair.
pr-proposals-waiting = { $count ->
        [one] Ждёт вашего ответа { $count } предложение стать наставником:
        [few] Ждут вашего ответа { $count } предложения стать наставником:
       *[many] Ждут вашего ответа { $count } предложений стать наставником:
    }

## No dead ends for the curator: every mentor of the school, with why one is not suggested.

btn-all-mentors = Все наставники школы
btn-back-to-request = ◀ К запросу
rq-all-header = Запрос №{ $id }: все наставники вашей школы и открытые для дистанционной работы — { $count }. У кого нет кнопки, того предложить нельзя (сказано почему).
rq-all-none = По запросу №{ $id } предложить некого: в банке нет наставников вашей организации, и никто из других не открыт для дистанционной работы. Пригласите наставников — /invite.
rq-why-excluded = не в подборе: отказ по этому запросу или замена — можно предложить снова
rq-why-full = не в подборе: свободных мест нет ({ $load } из { $capacity }) — наставник может добавить места в /profile
rq-why-inactive = не в подборе: анкета наставника приостановлена

## Requests without a mentor stay in every digest, with their age.

digest-waiting = • ждут подбора наставника: { $count } { $count ->
        [one] запрос
        [few] запроса
       *[many] запросов
    }, самый давний — { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    }

rem-request-unmatched = ⏳ { $org }: запрос №{ $request } ждёт наставника уже { $days } { $days ->
        [one] день
        [few] дня
       *[many] дней
    } — никому не предложен. Стоит помочь школе с подбором (например, наставником другой школы).
