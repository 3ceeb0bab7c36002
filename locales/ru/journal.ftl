## The work of a pair: journal, program, tasks, /sos, adaptation report.

cmd-meeting = записать встречу: /meeting 45 Тема
cmd-task = дать задание наставляемому
cmd-helped = записать помощь вне бота: /helped 20 Тема
cmd-sos = срочный вопрос наставнику
cmd-plan = программа (индивидуальный план)
cmd-journal = журнал пары
cmd-adaptation = отчёт о ходе адаптации куратору
text-too-long = Слишком длинный текст: не больше { $max } символов. Сократите, пожалуйста.

## Quick logs

log-no-pairs = У вас пока нет активной пары — записывать некуда. Когда куратор закрепит за вами наставляемого, здесь появится журнал.
log-meeting-usage = Как записать встречу одним сообщением:
    /meeting 45 Разбор открытого урока в 7Б
    /meeting вчера 30 Планирование
    /meeting 12.03 60 Посещение урока
    Или просто /meeting — и выберите всё кнопками.
log-helped-usage = Как записать помощь, оказанную вне бота:
    /helped 20 Консультация по родительскому собранию
    /helped вчера 15 Разговор о дисциплине
log-err-empty = Не хватает данных для записи.
log-err-no-minutes = Не понял, сколько минут длилась встреча: после команды (и даты, если она есть) нужно число минут.
log-err-minutes-range = Столько минут записать не получится: укажите от 1 до { $max }.
log-err-no-topic = Добавьте тему — пару слов о том, чем занимались.
log-err-topic-long = Текст должен быть непустым и не длиннее { $max } символов.
log-err-bad-date = Такой даты нет. Дата пишется как дд.мм, например 12.03, или словами «вчера», «позавчера».
log-err-future-date = Эта дата ещё не наступила — записать встречу из будущего нельзя. Чтобы запланировать её, добавьте время: /meeting 25.12 15:30 Тема.
log-ask-who = С кем?
log-whole-group = Вся группа №{ $id } ({ $count ->
    [one] { $count } человек
    [few] { $count } человека
   *[many] { $count } человек
})
log-ask-minutes = Сколько длилась встреча?
log-minutes-button = { $minutes } мин
log-ask-format = Как проходила встреча?
log-ask-topic = Тема встречи? Напишите её одним сообщением.
log-saving = Записываю…
log-saved = Записано: { $entry }
log-pair-closed = Эта пара уже завершена — новые записи в её журнал не добавляются.
log-before-start = Пара начала работу { $start } — более раннюю дату записать нельзя.
meeting-format-in_person = очно
meeting-format-online = онлайн
meeting-format-lesson_visit = посещение урока

entry-meeting = встреча { $duration }, { $date }, «{ $topic }»{ $format ->
    [none] {""}
   *[other] , { $format }
}
entry-helped = помощь вне бота { $duration }, { $date }, «{ $topic }»
entry-sos = ситуационная помощь, { $date }: «{ $topic }» (ответ через { $wait })
entry-task = задание, { $date }: «{ $topic }»
entry-check = проверка задания «{ $topic }», { $date }: { $result }
entry-check-accepted = принято
entry-check-rework = на доработку
btn-entry-edit = ✏️ Изменить
btn-entry-delete = 🗑 Удалить
entry-too-old = Запись можно менять только { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
} после того, как она сделана.
entry-ask-edit = Пришлите исправленную запись одним сообщением — в том же виде, что и команда, например:
    { $example }
    Прежний вариант сохранится в истории. Передумали — /cancel.
entry-edited = Исправлено: { $entry }
entry-deleted = Удалено: { $entry }
    (в истории запись сохранилась)

## /journal

journal-header = Журнал пары №{ $id }: { $mentor } → { $mentees }
    { $total ->
        [one] { $total } запись
        [few] { $total } записи
       *[many] { $total } записей
    }, сначала новые:
journal-empty = Записей пока нет. Встречу можно записать одним сообщением: /meeting 45 Тема.
journal-choose = Журнал какой пары открыть?
btn-newer = ◀ Новее
btn-older = Старее ▶

## /sos

sos-no-pair = Срочный вопрос можно задать своему наставнику, а пары у вас пока нет. Попросить наставника — /request.
sos-ask = Напишите вопрос одним сообщением — я сразу передам его наставнику.
sos-ask-whom = Кому из наставников вопрос?
sos-sent = Вопрос передан наставнику ({ $mentor }). Ответ придёт сюда же.
sos-to-mentor = ❗ Срочный вопрос — { $name }:
    { $question }
btn-sos-answer = Ответить
sos-ask-answer = Напишите ответ одним сообщением — я передам его наставляемому.
sos-already-answered = На этот вопрос вы уже ответили.
sos-answered = Ответ отправлен и записан в журнал. Время ответа: { $wait }.
sos-answer-to-mentee = Ответ наставника ({ $mentor }) на ваш вопрос «{ $question }»:
    { $answer }

## /plan and /task

plan-header = Программа пары №{ $id } ({ $mentees }), до { $end }:
plan-empty = В программе пока нет пунктов — их добавляет наставник.
plan-empty-mentor = В программе пока нет пунктов. Добавьте цели и пункты плана кнопками ниже — обсудите их с наставляемым.
plan-goal = 🎯 Цель:{" "}
plan-deadline = {" "}(до { $date })
plan-status-planned = запланировано
plan-status-submitted = сдано, ждёт проверки
plan-status-rework = на доработке
plan-status-done = ✅ выполнено
plan-status-cancelled = отменено
plan-status-overdue = ⚠️ просрочено
btn-plan-submit = ✅ Выполнено: { $title }
btn-plan-check = 🔍 Проверить: { $title }
btn-plan-add-goal = ➕ Цель
btn-plan-add-item = ➕ Пункт плана
plan-choose = Программу какой пары открыть?
plan-ask-goal = Сформулируйте цель одним сообщением (например: «Освоить технологию формирующего оценивания»).
plan-ask-title = Что нужно сделать? Напишите пункт плана одним сообщением.
plan-ask-area = К какой теме относится пункт?
plan-no-area = Без темы
plan-ask-deadline = Срок выполнения? Выберите кнопку или напишите срок, например: «до 25.12», «до пятницы», «через 3 дня».
plan-in-days = { $days ->
    [7] через неделю
    [14] через 2 недели
    [30] через месяц
   *[other] через { $days } дн.
}
plan-no-deadline = Без срока
plan-item-saved = Записано в программу.
task-usage = Как дать задание: /task Подготовить технологическую карту урока
    Срок по умолчанию — неделя; свой срок можно указать в начале: /task до 20.03 Подготовить карту урока
task-err-empty = Напишите текст задания после команды.
task-err-past-date = Этот срок уже прошёл — укажите дату в будущем.
task-saved = Задание записано: «{ $title }», срок — { $deadline }. Наставляемый получил уведомление.
task-to-mentee = Новое задание от наставника ({ $mentor }): «{ $title }». Срок — { $deadline }.
    Когда выполните, нажмите кнопку ниже и пришлите результат.
plan-ask-product = Пункт «{ $title }». Пришлите результат одним сообщением: текст, ссылку, фото или файл.
plan-product-kinds = Результат можно прислать текстом, ссылкой, фото или файлом (документом).
plan-ask-score = Оцените, как у вас получилось, от 1 до 5:
plan-ask-self-comment = Ваша оценка: { $score }. Добавьте короткий комментарий — что получилось, что было трудно — или нажмите «Без комментария».
btn-no-comment = Без комментария
plan-submitted = Отправлено наставнику на проверку: «{ $title }».
plan-submitted-mentor = { $gender ->
        [f] { $name } выполнила пункт «{ $title }» и ждёт вашей проверки.
        [m] { $name } выполнил пункт «{ $title }» и ждёт вашей проверки.
       *[other] Пункт «{ $title }» выполнен и ждёт вашей проверки — { $name }.
    }
plan-check-card = Проверка: «{ $title }»
    Результат: { $product }
    Самооценка: { $score } из 5
    Комментарий: { $comment }
btn-accept-work = 👍 Принято
btn-rework = ↩️ На доработку
plan-ask-rework = Что доработать? Напишите одним сообщением — наставляемый получит ваш комментарий.
plan-accepted-mentor = Записано: «{ $title }» принято.
plan-rework-mentor = Записано: «{ $title }» отправлено на доработку.
plan-accepted-mentee = Наставник принял вашу работу «{ $title }». Отлично!
plan-rework-mentee = Наставник просит доработать «{ $title }»:
    { $comment }
    Когда будете готовы, нажмите кнопку и пришлите новый вариант.

## /adaptation: отчёт о ходе адаптации

report-choose = Отчёт по какой паре подготовить?
report-draft = Отчёт о ходе адаптации
    Наставник: { $mentor }
    Наставляемые: { $mentees }
    Период: { $from } — { $to }
    • Встречи: { $meetings }, всего { $hours } ч (с помощью вне бота)
    • Помощь вне бота: { $helped }
    • Задания: выдано { $tasks }, сдано { $submitted }, проверено { $checked }
    • Срочные вопросы: { $sos }, отвечено { $answered }; { $median }
    • Программа: выполнено { $done } из { $total }, просрочено { $overdue }
report-median = медианное время ответа — { $wait }
report-median-none = ответов пока не было
btn-report-comment = ✍️ Добавить комментарий и отправить
btn-report-send = 📤 Отправить куратору как есть
report-ask-comment = Напишите комментарий к отчёту одним сообщением — как идёт адаптация, что получилось, где нужна помощь.
report-sent = Отчёт отправлен куратору и сохранён.
report-to-curator = 📋 { $report }
report-to-curator-comment = 📋 { $report }

    Комментарий наставника: { $comment }
