## The work of a pair: journal, program, tasks, /sos, adaptation report.

cmd-meeting = log a meeting: /meeting 45 Topic
cmd-task = give the mentee a task
cmd-helped = log help given outside the bot: /helped 20 Topic
cmd-sos = an urgent question to the mentor
cmd-plan = the program (personal plan)
cmd-journal = the pair's journal
cmd-adaptation = adaptation report to the curator
text-too-long = That text is too long: { $max } characters at most. Please shorten it.

## Quick logs

log-no-pairs = You have no active pair yet, so there is nowhere to log. Once the curator assigns you a mentee, the journal appears here.
log-meeting-usage = To log a meeting in one message:
    /meeting 45 Review of the open lesson in 7B
    /meeting yesterday 30 Planning
    /meeting 12.03 60 Lesson visit
    Or just /meeting and choose everything with buttons.
log-helped-usage = To log help given outside the bot:
    /helped 20 Advice on the parents' meeting
    /helped yesterday 15 A talk about discipline
log-err-empty = There is not enough to log.
log-err-no-minutes = I could not tell how many minutes it took: after the command (and the date, if any) comes the number of minutes.
log-err-minutes-range = That many minutes cannot be logged: use 1 to { $max }.
log-err-no-topic = Add a topic: a few words on what you worked on.
log-err-topic-long = The text must not be empty and at most { $max } characters long.
log-err-bad-date = There is no such date. Write dates as dd.mm, e.g. 12.03, or as "yesterday".
log-err-future-date = That date has not come yet: a meeting from the future cannot be logged. To plan it, add a time: /meeting 25.12 15:30 Topic.
log-ask-who = With whom?
log-whole-group = The whole group #{ $id } ({ $count ->
    [one] { $count } person
   *[other] { $count } people
})
log-ask-minutes = How long was the meeting?
log-minutes-button = { $minutes } min
log-ask-format = How did it take place?
log-ask-topic = The topic of the meeting? Type it in one message.
log-saving = Saving…
log-saved = Saved: { $entry }
log-pair-closed = This pair has ended: nothing more is added to its journal.
log-before-start = The pair started on { $start }: an earlier date cannot be logged.
meeting-format-in_person = in person
meeting-format-online = online
meeting-format-lesson_visit = lesson visit

entry-meeting = meeting { $duration }, { $date }, "{ $topic }"{ $format ->
    [none] {""}
   *[other] , { $format }
}
entry-helped = help outside the bot { $duration }, { $date }, "{ $topic }"
entry-sos = situational help, { $date }: "{ $topic }" (answered in { $wait })
entry-task = task, { $date }: "{ $topic }"
entry-check = task check "{ $topic }", { $date }: { $result }
entry-check-accepted = accepted
entry-check-rework = to be reworked
btn-entry-edit = ✏️ Edit
btn-entry-delete = 🗑 Delete
entry-too-old = An entry can be changed only { $days ->
    [one] { $days } day
   *[other] { $days } days
} after it was made.
entry-ask-edit = Send the corrected entry in one message, in the same form as the command, e.g.:
    { $example }
    The previous version stays in the history. Changed your mind? /cancel.
entry-edited = Corrected: { $entry }
entry-deleted = Deleted: { $entry }
    (the history keeps it)

## /journal

journal-header = Journal of pair #{ $id }: { $mentor } → { $mentees }
    { $total ->
        [one] { $total } entry
       *[other] { $total } entries
    }, newest first:
journal-empty = No entries yet. A meeting is logged in one message: /meeting 45 Topic.
journal-choose = Which pair's journal shall I open?
btn-newer = ◀ Newer
btn-older = Older ▶

## /sos

sos-no-pair = An urgent question goes to your mentor, and you have no pair yet. To ask for a mentor: /request.
sos-ask = Type your question in one message and I will pass it to your mentor at once.
sos-ask-whom = Which of your mentors is the question for?
sos-sent = Your question went to your mentor ({ $mentor }). The answer will come here.
sos-to-mentor = ❗ An urgent question — { $name }:
    { $question }
btn-sos-answer = Answer
sos-ask-answer = Type your answer in one message and I will pass it on.
sos-already-answered = You have already answered this question.
sos-answered = The answer was sent and logged. Response time: { $wait }.
sos-answer-to-mentee = Your mentor's ({ $mentor }) answer to "{ $question }":
    { $answer }

## /plan and /task

plan-header = Program of pair #{ $id } ({ $mentees }), until { $end }:
plan-empty = The program has no items yet: the mentor adds them.
plan-empty-mentor = The program has no items yet. Add goals and plan items with the buttons below, after talking them over with the mentee.
plan-goal = 🎯 Goal:{" "}
plan-deadline = {" "}(due { $date })
plan-status-planned = planned
plan-status-submitted = submitted, waiting for a check
plan-status-rework = being reworked
plan-status-done = ✅ done
plan-status-cancelled = cancelled
plan-status-overdue = ⚠️ overdue
btn-plan-submit = ✅ Done: { $title }
btn-plan-check = 🔍 Check: { $title }
btn-plan-add-goal = ➕ Goal
btn-plan-add-item = ➕ Plan item
plan-choose = Which pair's program shall I open?
plan-ask-goal = State the goal in one message (e.g. "Master formative assessment").
plan-ask-title = What is to be done? Type the plan item in one message.
plan-ask-area = Which topic does it belong to?
plan-no-area = No topic
plan-ask-deadline = When is it due? Choose a button or type the deadline, e.g. "by 25.12", "by Friday", "in 3 days".
plan-in-days = { $days ->
    [7] in a week
    [14] in 2 weeks
    [30] in a month
   *[other] in { $days } days
}
plan-no-deadline = No deadline
plan-item-saved = Added to the program.
task-usage = To give a task: /task Prepare a lesson plan
    It is due in a week; to set a date, put it first: /task by 20.03 Prepare a lesson plan
task-err-empty = Type the task after the command.
task-err-past-date = That date has passed: choose one in the future.
task-saved = Task saved: "{ $title }", due { $deadline }. The mentee was notified.
task-to-mentee = A new task from your mentor ({ $mentor }): "{ $title }". Due { $deadline }.
    When it is done, tap the button below and send the result.
plan-ask-product = Item "{ $title }". Send the result in one message: text, a link, a photo or a file.
plan-product-kinds = The result can be text, a link, a photo or a file (document).
plan-ask-score = How well did it go, from 1 to 5?
plan-ask-self-comment = Your score: { $score }. Add a short comment (what worked, what was hard) or tap "No comment".
btn-no-comment = No comment
plan-submitted = Sent to your mentor for a check: "{ $title }".
plan-submitted-mentor = { $name } completed "{ $title }" and is waiting for your check.
plan-check-card = Check: "{ $title }"
    Result: { $product }
    Self-assessment: { $score } of 5
    Comment: { $comment }
btn-accept-work = 👍 Accepted
btn-rework = ↩️ Rework
plan-ask-rework = What should be reworked? Type it in one message; the mentee gets your comment.
plan-accepted-mentor = Saved: "{ $title }" accepted.
plan-rework-mentor = Saved: "{ $title }" sent back for rework.
plan-accepted-mentee = Your mentor accepted "{ $title }". Well done!
plan-rework-mentee = Your mentor asks you to rework "{ $title }":
    { $comment }
    When ready, tap the button and send the new version.

## /adaptation: adaptation report

report-choose = Which pair is the report for?
report-draft = Adaptation progress report
    Mentor: { $mentor }
    Mentees: { $mentees }
    Period: { $from } to { $to }
    • Meetings: { $meetings }, { $hours } h in all (with help outside the bot)
    • Help outside the bot: { $helped }
    • Tasks: given { $tasks }, submitted { $submitted }, checked { $checked }
    • Urgent questions: { $sos }, answered { $answered }; { $median }
    • Program: { $done } of { $total } done, { $overdue } overdue
report-median = median response time { $wait }
report-median-none = no answers yet
btn-report-comment = ✍️ Add a comment and send
btn-report-send = 📤 Send to the curator as is
report-ask-comment = Type a comment on the report in one message: how the adaptation goes, what worked, where help is needed.
report-sent = The report was sent to the curator and saved.
report-to-curator = 📋 { $report }
report-to-curator-comment = 📋 { $report }

    Mentor's comment: { $comment }
