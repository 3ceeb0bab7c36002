## Monitoring: surveys of the participants, indicators, reports.

cmd-survey = опросы: пройти начатый или отправить паре
cmd-report = отчёт по показателям (Excel и график)

## Surveys. The questions are defaults: the coordinator may reword them (nastavnik survey import).

sv-title-mentee-entry = Входной опрос наставляемого
sv-title-mentee-exit = Итоговый опрос наставляемого
sv-title-mentor-exit = Итоговый опрос наставника
sv-q-motivation = Насколько сейчас высока ваша мотивация к профессиональному развитию?
sv-q-confidence = Насколько уверенно вы чувствуете себя в тех вопросах, с которыми просили помощи?
sv-q-adaptation = Насколько комфортно вам в коллективе школы: знаете ли, к кому обратиться, чувствуете ли себя своим?
sv-q-innovation = Насколько вы вовлечены в инновационную и методическую работу (проекты, конкурсы, открытые уроки)?
sv-q-expectations = Чего вы ждёте от работы с наставником? Напишите пару предложений.
sv-q-satisfaction = Насколько вы довольны работой в паре? Порекомендовали бы вы такую программу коллеге?
sv-q-comment = Что получилось особенно хорошо и что стоит изменить в программе?
sv-q-mentor-growth = Насколько работа наставником помогла вашему собственному профессиональному росту?
sv-q-mentee-progress = Насколько заметно продвинулся ваш наставляемый в своих трудностях?
sv-short-motivation = мотивация
sv-short-confidence = уверенность в трудных вопросах
sv-short-adaptation = адаптация в коллективе
sv-short-innovation = инновационная работа
sv-short-expectations = ожидания
sv-short-satisfaction = удовлетворённость
sv-short-comment = комментарий
sv-short-mentor-growth = рост наставника
sv-short-mentee-progress = продвижение наставляемого
sv-intro = Короткий опрос для мониторинга программы наставничества: { $count ->
        [one] { $count } вопрос
        [few] { $count } вопроса
       *[many] { $count } вопросов
    }, это займёт пару минут. Ответы видят только куратор и муниципальный координатор.
sv-progress = { $title } · вопрос { $n } из { $total }
sv-legend-1-5 = Оцените от 1 до 5: 1 — совсем нет, 2 — скорее нет, 3 — отчасти, 4 — скорее да, 5 — полностью.
sv-legend-0-10 = Оцените от 0 до 10: 0 — совсем нет, 10 — безусловно да.
sv-legend-text = Напишите ответ одним сообщением или нажмите «Пропустить».
sv-btn-skip = Пропустить
sv-skipped = пропущено
sv-your-answer = ✔ Ваш ответ: { $answer }
sv-done = Спасибо! Опрос завершён — ваши ответы помогут сделать программу лучше.
sv-resume = Продолжим опрос с того места, где вы остановились.
sv-nothing = Незаконченных опросов нет. Когда придёт время, бот сам пришлёт вопросы.
sv-no-pairs = В вашей организации пока нет активных пар — отправлять опрос некому.
sv-choose-pair = Какой паре отправить опрос?
sv-pair-button = №{ $id }: { $names }
sv-choose-survey = Пара №{ $id }. Какой опрос отправить?
sv-btn-entry = Входной (наставляемым и наставнику)
sv-btn-exit = Итоговый (наставляемым и наставнику)
sv-sent = Пара №{ $id }: опрос отправлен { $count ->
        [0] никому — все участники уже прошли его или недоступны
        [one] { $count } участнику
       *[other] { $count } участникам
    }.

## Indicators (004 Table 1 and the bot's own)

ind-orgs-ready = Доля ОО с положением о наставничестве, куратором и базой наставников
ind-facts-stated = Доля ОО, указавших сведения о себе (/school)
ind-teachers-in-programs = Доля педагогов в программах наставничества
ind-new-heads-in-programs = Доля новых руководителей в программах
ind-district-events = Мероприятий района по наставничеству за год
ind-event-participation = Доля ОО, участвовавших в мероприятиях района
ind-mentors = Наставников в активных парах
ind-mentees = Наставляемых в активных парах
ind-pairs-active = Активных пар и групп
ind-pairs-completed = Завершено с выполнением плана
ind-pairs-terminated = Прекращено досрочно
ind-young-in-programs = Доля молодых педагогов (первые 3 года) в программах
ind-completion = Доля наставляемых, прошедших программу
ind-ended = Прекращено досрочно: { $reason }
ind-meetings-per-month = Встреч на пару в месяц
ind-hours-per-month = Часов встреч на пару в месяц
ind-sos-median-minutes = Медианное время ответа на /sos
ind-silent-share = Доля «молчащих» пар (нет встреч 14 дней и больше)
ind-without-order = Доля активных пар без приказа
ind-change = Изменение «{ $question }» (итог − вход)
ind-satisfaction-mentee = Удовлетворённость наставляемых (0–10)
ind-nps-mentee = Индекс NPS наставляемых
ind-satisfaction-mentor = Удовлетворённость наставников (0–10)
ind-nps-mentor = Индекс NPS наставников
ind-met = выполнено
ind-not-met = не выполнено
ind-no-data = нет данных
unit-people = чел.
unit-pairs = пар
unit-events = мероприятий
unit-percent = %
unit-rate = встреч в месяц
unit-hours = часов в месяц
unit-minutes = минут
unit-score = баллов

## The report (XLSX / CSV / chart)

report-district = Муниципалитет
report-file = otchet
report-heading = Мониторинг программ наставничества: { $scope }, на { $date }
report-which-org = Вы куратор в нескольких организациях. По какой подготовить отчёт?
report-preparing = Готовлю отчёт: { $scope }…
report-bad-date = Дату отчёта пишите так: /report 30.11.2026 (или просто /report — на сегодня).
report-period-quarter = за квартал
report-period-half-year = за полугодие
report-period-year = за год
report-btn-quarter = Квартал
report-btn-half-year = Полугодие
report-btn-year = Год
report-which-period = Отчёт: { $scope } на { $date }. За какой период включить журнал и график встреч по неделям? Показатели считаются на дату отчёта.
report-caption = Отчёт: { $scope } на { $date }, журнал { $period }. Показатели с целевым значением: выполнено { $met } из { $total }, нет данных — { $nodata }.
report-btn-csv = Скачать в CSV
report-chart-caption = Встречи по неделям { $period } и показатели относительно целевых значений.
report-csv-preparing = Готовлю CSV…
chart-weekly = Встречи по неделям { $period }: { $scope }
chart-meetings = встреч
chart-targets = Показатели и целевые значения на { $date }
chart-legend-target = целевое значение
chart-legend-met = выполнено
chart-legend-not-met = не выполнено
chart-legend-no-data = нет данных — показатель не посчитать
xl-sheet-indicators = Показатели
xl-sheet-orgs = По организациям
xl-sheet-pairs = Пары
xl-sheet-journal = Журнал
xl-sheet-requests = Запросы
xl-sheet-surveys = Опросы
xl-sheet-kinds = По видам ОО
xl-col-all-kinds = Все ОО
xl-col-indicator = Показатель
xl-col-value = Значение
xl-col-unit = Единица
xl-col-direction = Условие
xl-col-target = Целевое значение
xl-col-verdict = Результат
xl-col-numerator = Выполняют
xl-col-base = Всего
xl-col-org-id = № ОО
xl-col-org = Организация
xl-col-has-curator = Куратор
xl-col-mentor-base = Наставников в базе
xl-col-pair = № пары
xl-col-mentor = Наставник
xl-col-mentees = Наставляемые
xl-col-start = Начало
xl-col-planned-end = Окончание по плану
xl-col-status = Статус
xl-col-end-reason = Причина завершения
xl-col-ended = Дата завершения
xl-col-order-no = № приказа
xl-col-order-date = Дата приказа
xl-col-meetings = Встреч
xl-col-hours = Часов
xl-col-last-meeting = Последняя встреча
xl-col-date = Дата
xl-col-kind = Вид
xl-col-minutes = Минут
xl-col-format = Формат
xl-col-topic = Тема
xl-col-author = Автор записи
xl-col-request = № запроса
xl-col-mentee = Наставляемый
xl-col-reject-reason = Причина отказа
xl-col-created = Создан
xl-col-updated = Изменён
xl-col-person = Участник
xl-col-survey = Опрос
xl-col-question = Вопрос
xl-col-score = Балл
xl-col-answer = Ответ
xl-col-answered = Когда ответил
xl-anonymous = (данные удалены)
xl-status-active = идёт
xl-status-completed = завершена
xl-status-terminated = прекращена
xl-entry-meeting = встреча
xl-entry-helped = помощь
xl-entry-sos = срочный вопрос
xl-entry-task = задание
xl-entry-check = проверка
