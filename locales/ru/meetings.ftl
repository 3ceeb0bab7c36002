# meetings planned ahead (встречи по графику)

meeting-when = { $rel ->
        [today] сегодня
        [tomorrow] завтра
       *[other] { $weekday }
    }, { $date }, в { $time }
meeting-weekday-1 = пн
meeting-weekday-2 = вт
meeting-weekday-3 = ср
meeting-weekday-4 = чт
meeting-weekday-5 = пт
meeting-weekday-6 = сб
meeting-weekday-7 = вс

meeting-planned = 📅 Встреча запланирована: { $when }, { $duration } — «{ $topic }». С кем: { $with }.
    Я напомню вам обоим накануне вечером и за час, а после встречи спрошу, состоялась ли она.
meeting-planned-party = 📅 { $gender ->
        [f] { $mentor } запланировала встречу с вами
        [m] { $mentor } запланировал встречу с вами
       *[other] Запланирована встреча с вами ({ $mentor })
    }: { $when }, { $duration } — «{ $topic }».
    Если время не подходит, нажмите «Перенести».
meeting-moved = 📅 Встреча перенесена: { $when }, { $duration } — «{ $topic }». С кем: { $with }.
meeting-moved-party = 📅 Новое время встречи: { $when }, { $duration } — «{ $topic }».
meeting-moved-by = { $gender ->
        [f] { $who } перенесла встречу (было: { $old }).
        [m] { $who } перенёс встречу (было: { $old }).
       *[other] Встречу перенесли (было: { $old }) — { $who }.
    }
meeting-cancelled = Встреча { $when } («{ $topic }») отменена. Запланировать новую: /meeting завтра 15:30 Тема.
meeting-cancelled-party = { $gender ->
        [f] { $who } отменила встречу { $when } («{ $topic }»).
        [m] { $who } отменил встречу { $when } («{ $topic }»).
       *[other] Встреча { $when } («{ $topic }») отменена — { $who }.
    }
meeting-missed = Отметил: встреча { $when } («{ $topic }») не состоялась. Запланировать новую: /meeting завтра 15:30 Тема.
meeting-next = 📅 Ближайшая встреча: { $when } — «{ $topic }».
meeting-ask-time = Когда будет встреча? Сейчас: { $when }. Напишите новое время, например: завтра 16:00 или 25.12 10:00.
meeting-ask-cancel = Отменить встречу { $when } («{ $topic }»)? Вторая сторона получит уведомление.
meeting-choose-who = Выберите кнопкой, с кем встреча, — или начните заново с /meeting.
meeting-plan-usage = Как запланировать встречу:
    /meeting завтра 15:30 Разбор урока
    /meeting в пятницу 14:00 60 Планирование
    /meeting 25.12 10:00 Итоги полугодия
meeting-err-no-topic = Напишите после времени, о чём будет встреча.
meeting-err-bad-date = Не понял дату встречи. Подойдут «сегодня», «завтра», «послезавтра», день недели («в пятницу») или дата вида 25.12.
meeting-err-past = Это время уже прошло — встречу можно запланировать только на будущее. Если встреча уже была, запишите её: /meeting 45 Тема.
meeting-err-too-far = Так далеко вперёд не планирую: встречу можно назначить не больше чем на год вперёд.
meeting-err-new-time = Не понял новое время. Напишите, например: завтра 16:00, в пятницу 14:00 или 25.12 10:00.
meeting-ics-summary = Встреча наставничества: { $topic }
meeting-ics-description = Наставник: { $mentor }
    С кем: { $with }
meeting-ics-caption = Откройте файл — телефон предложит добавить встречу в календарь.
meeting-flash-done = ⚡ Встреча состоялась — программа скоростного наставничества выполнена, пара завершена. Спасибо! Сейчас придёт короткий опрос об итогах.
btn-meeting-ics = 📅 Добавить в календарь
btn-meeting-move = Перенести
btn-meeting-cancel = Отменить
btn-meeting-cancel-yes = Да, отменить встречу
btn-meeting-held = Да, { $duration }
btn-meeting-missed = Не состоялась
pd-meetings = Запланированные встречи
topic-meetings = напоминания о встречах
rem-meeting-eve = 📅 Напоминаю: встреча { $when } — «{ $topic }», { $duration }.
rem-meeting-soon = ⏰ Через час встреча: { $when } — «{ $topic }».
rem-meeting-ask = 🗓 Встреча { $when } — «{ $topic }» — состоялась? Одно нажатие — и она в журнале.
btn-meeting-plan = 📅 Запланировать встречу
meeting-ask-plan = Когда встреча и о чём? Напишите одним сообщением, например: завтра 15:30 Разбор урока (можно добавить длительность: в пятницу 14:00 60 Планирование).
