## The everyday of a pair (issue 22): waits in human units, unanswered /sos, promises kept.

dur-minutes = { $m } min
dur-hours = { $h } h
dur-hours-minutes = { $h } h { $m } min
dur-days = { $d } { $d ->
    [one] day
   *[other] days
}
dur-days-hours = { $d } { $d ->
    [one] day
   *[other] days
} { $h } h

rem-sos-remind = ❗ An urgent question from { $mentee } has been waiting for { $wait }:
    "{ $question }"
    Answer with the button below, or simply type the answer as a message.
rem-sos-morning = ☀️ Good morning! The question from { $mentee } is still unanswered ({ $wait }):
    "{ $question }"
rem-sos-escalate = ⚠️ An urgent question from the mentee { $mentee } to the mentor { $mentor } has been unanswered for { $wait }. Perhaps contact the mentor or help yourselves.
    "{ $question }"

sos-open-header = ❗ Questions without an answer:
sos-open-line = • { $mentee }, { $wait } ago: "{ $question }"
digest-sos-open = • urgent questions unanswered for over a day: { $count }

sos-offer = You have one unanswered question, from { $mentee }: "{ $question }". Send this message as the answer?
btn-sos-offer-yes = ✅ Yes, that is the answer
btn-sos-offer-no = No
sos-offer-dropped = All right, not sent.

## Ending a pair by mutual consent: the other side is asked first.
pair-mutual-asked = I have asked the other side whether they agree to end the programme by mutual consent. If there is no answer by { $by }, the request lapses. Once they agree, the curator decides.
pair-mutual-ask-other = { $name } suggests ending the mentoring programme by mutual consent. Do you agree? Please answer by { $by }.
btn-mutual-agree = ✅ Yes, end it
btn-mutual-refuse = ❌ No, go on
pair-mutual-agreed-you = Thank you, your consent has been passed to the curator, who will decide.
pair-mutual-agreed = Pair #{ $pair }: the other side agrees to end the programme. The curator decides now.
pair-mutual-refused-you = Understood, the programme goes on.
pair-mutual-refused = Pair #{ $pair }: the other side does not agree to end the programme by mutual consent. The programme goes on; you can discuss it at a meeting or choose another reason.
pair-mutual-late = The time to answer has passed; the request to end was withdrawn.
pair-curator-mutual-request = Pair #{ $pair }: both sides agree to end the programme by mutual consent (suggested by { $name }; agreed by { $other }).

## A practice nobody can moderate.
ps-submitted-no-moderator = Thank you! The practice "{ $title }" is saved, but nobody can review it yet: the district has no coordinator. I have told the bot's administrator; once a coordinator is appointed, the practice waits for their review and I will tell you the decision.
ps-admin-no-moderator = The practice "{ $title }" was submitted for review, but nobody can review it: the district has no coordinator. Please appoint the district coordinator; until then practices wait for review.

log-ask-whom = To whom?

## /history in words.
hist-status-active = active
hist-status-completed = completed
hist-status-terminated = terminated
hist-created = pair created ({ $status })
hist-mentee-left = a mentee left the group: { $reason }
hist-order = order No. { $number } of { $date }
hist-extended = extended from { $from } to { $to }
hist-request = by request #{ $id }
hist-joined = a mentee joined by request #{ $id }

rem-plan-unchecked = 📝 { $mentee } handed in the task "{ $title }" { $days } { $days ->
    [one] day
   *[other] days
} ago, and it is waiting for your check. Please check it: it matters to your mentee.

## Deadlines typed in the plan form, and the ones worth a second look.
plan-deadline-typed-hint = Type the deadline like "by 25.12", "25.12.2026", "by Friday", "by the end of the month", "in 2 weeks", or choose a button above.
deadline-after-end = { $date } is after the programme ends on { $end }. Is that right?
deadline-next-year = This date has already passed this year, so the deadline is { $date }, next year. Is that right?
btn-deadline-right = Yes, that's right
btn-deadline-other = No, another date

## The same meeting sent twice.
log-duplicate = This meeting is already logged. Log another one?
    { $entry }
btn-duplicate-yes = Yes, it is another meeting
btn-duplicate-no = No, don't log it
log-duplicate-skipped = All right, the second one is not logged.

## The last screen of onboarding: the next step and the commands that matter.
ob-next-mentee = What next: ask for a mentor with /request. The curator will find one and I will write to you.
    The main commands:
    /pair: your pair and mentor
    /plan: the programme and tasks
    /sos: an urgent question to your mentor
    All commands: /help.
ob-next-mentor = What next: the curator will suggest a mentee; I will write to you, and one button confirms.
    The main commands:
    /meeting 45 Topic: log a meeting
    /task: give a task
    /pair: your pairs and unanswered questions
    All commands: /help.
task-deadline-refused = All right, the task is not saved. Send /task again with another deadline, e.g. /task by 25.12 Lesson map.
