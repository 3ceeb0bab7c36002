## The everyday of a pair (issue 22): waits in human units, unanswered /sos, promises kept.

dur-minutes = { $m } мин
dur-hours = { $h } ч
dur-hours-minutes = { $h } ч { $m } мин
dur-days = { $d } { $d ->
    [one] день
    [few] дня
   *[many] дней
}
dur-days-hours = { $d } { $d ->
    [one] день
    [few] дня
   *[many] дней
} { $h } ч

rem-sos-remind = ❗ Срочный вопрос ждёт ответа уже { $wait } — { $mentee }:
    «{ $question }»
    Ответить можно кнопкой ниже — или просто напишите ответ сообщением.
rem-sos-morning = ☀️ Доброе утро! Вопрос всё ещё без ответа ({ $wait }) — { $mentee }:
    «{ $question }»
rem-sos-escalate = ⚠️ Срочный вопрос остаётся без ответа { $wait } (наставляемый — { $mentee }, наставник — { $mentor }). Может быть, стоит связаться с наставником или помочь самим.
    «{ $question }»

sos-open-header = ❗ Вопросы без ответа:
sos-open-line = • { $mentee }, { $wait } назад: «{ $question }»
digest-sos-open = • срочных вопросов без ответа больше суток: { $count }

sos-offer = У вас один вопрос без ответа ({ $mentee }): «{ $question }». Отправить это сообщение как ответ?
btn-sos-offer-yes = ✅ Да, это ответ
btn-sos-offer-no = Нет
sos-offer-dropped = Хорошо, не отправляю.

## Ending a pair by mutual consent: the other side is asked first.
pair-mutual-asked = Вторую сторону спросили, согласна ли она завершить программу по обоюдному согласию. Если до { $by } ответа не будет, просьба отменится. Когда согласятся — решение примет куратор.
pair-mutual-ask-other = { $name } предлагает завершить программу наставничества по обоюдному согласию. Вы согласны? Ответить можно до { $by }.
btn-mutual-agree = ✅ Да, завершить
btn-mutual-refuse = ❌ Нет, продолжать
pair-mutual-agreed-you = Спасибо, ваше согласие передано куратору — он примет решение.
pair-mutual-agreed = Пара №{ $pair }: вторая сторона согласна завершить программу. Решение за куратором.
pair-mutual-refused-you = Хорошо, программа продолжается.
pair-mutual-refused = Пара №{ $pair }: вторая сторона не согласна завершать программу по обоюдному согласию. Программа продолжается; можно обсудить это на встрече или выбрать другую причину.
pair-mutual-late = Срок ответа истёк, просьба о завершении отменена.
pair-curator-mutual-request = Пара №{ $pair }: обе стороны согласны завершить программу по обоюдному согласию (предложение: { $name }; согласие: { $other }).

## A practice nobody can moderate.
ps-submitted-no-moderator = Спасибо! Практика «{ $title }» сохранена, но проверить её сейчас некому: в районе пока не назначен координатор. Я сообщил администратору бота; когда координатор появится, практика будет ждать его проверки, и я сообщу о решении.
ps-admin-no-moderator = Практика «{ $title }» отправлена на проверку, но проверить её некому: в районе нет координатора. Назначьте координатора района — до тех пор практики ждут проверки.

log-ask-whom = Кому?

## /history in words.
hist-status-active = действует
hist-status-completed = завершена
hist-status-terminated = прекращена
hist-created = пара создана ({ $status })
hist-mentee-left = наставляемый вышел из группы — { $reason }
hist-order = приказ № { $number } от { $date }
hist-extended = срок продлён с { $from } до { $to }
hist-request = по запросу №{ $id }
hist-joined = пополнение группы по запросу №{ $id }

rem-plan-unchecked = 📝 Задание «{ $title }» ({ $mentee }) сдано { $days } { $days ->
    [one] день
    [few] дня
   *[many] дней
} назад и ждёт проверки. Проверьте, пожалуйста, — наставляемый ждёт ответа.

## Deadlines typed in the plan form, and the ones worth a second look.
plan-deadline-typed-hint = Срок можно написать так: «до 25.12», «25.12.2026», «до пятницы», «до конца месяца», «через 2 недели» — или выбрать кнопку выше.
deadline-after-end = { $date } — после окончания программы { $end }. Всё верно?
deadline-next-year = Эта дата в этом году уже прошла, поэтому срок — { $date }, в следующем году. Всё верно?
btn-deadline-right = Да, всё верно
btn-deadline-other = Нет, другой срок

## The same meeting sent twice.
log-duplicate = Такая встреча уже записана — записать ещё одну?
    { $entry }
btn-duplicate-yes = Да, это другая встреча
btn-duplicate-no = Нет, не записывать
log-duplicate-skipped = Хорошо, вторую не записываю.

## The last screen of onboarding: the next step and the commands that matter.
ob-next-mentee = Что дальше: попросите наставника — /request. Куратор подберёт его, я напишу.
    Главное:
    /pair — ваша пара и наставник
    /plan — программа и задания
    /sos — срочный вопрос наставнику
    Все команды — /help.
ob-next-mentor = Что дальше: куратор предложит вам наставляемого — я напишу, подтвердить можно одной кнопкой.
    Главное:
    /meeting 45 Тема — записать встречу
    /task — дать задание
    /pair — ваши пары и вопросы без ответа
    Все команды — /help.
task-deadline-refused = Хорошо, задание не записано. Напишите /task ещё раз с другим сроком, например: /task до 25.12 Карта урока.
