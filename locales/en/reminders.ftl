# Reminders and digests (issue 5).

cmd-stage = the organization's stage of the model
cmd-calendar = the district calendar: deadlines of the regulations
cmd-settings = which reminders to receive
cmd-digest = a digest right now

## Reminders

rem-plan-due = ⏰ A reminder: “{ $title }” is due { $deadline }, { $days } { $days ->
        [one] day
       *[other] days
    } left.
    If it is done already, mark it — your mentor will see it and check.
rem-plan-overdue = { $role ->
    [mentor] 📌 Mentee { $mentee }: the task “{ $title }” is overdue (it was due { $deadline }, { $days } { $days ->
        [one] day
       *[other] days
    } ago). Maybe discuss it at your next meeting or move the deadline?
   *[mentee] 📌 The task “{ $title }” was due { $deadline }. No worries — write to your mentor and decide together whether to finish it or move the deadline.
}
rem-silent-mentor = 👋 No meeting with your mentee ({ $mentees }) in the journal for { $days } { $days ->
        [one] day
       *[other] days
    }{ $logged ->
        [yes] {""} (the last one on { $last })
       *[no] {""}
    }. If you met, log the meeting; if not, maybe arrange a short one this week?
rem-silent-curator = 🔕 Pair #{ $pair } ({ $mentor } → { $mentees }) has been silent for { $days } { $days ->
        [one] day
       *[other] days
    }: { $logged ->
        [yes] the last meeting in the journal was on { $last }
       *[no] no meeting in the journal
    }. It may be worth checking that everything is fine.
rem-proposal-remind = 🙂 A reminder: { $hours } { $hours ->
        [one] hour
       *[other] hours
    } ago you were asked to mentor { $name }, who is waiting for your answer. “No” is an answer too — it helps find another mentor sooner.
rem-proposal-escalate = ⌛ Mentor { $other } has not answered the proposal (mentee: { $name }) for { $hours } { $hours ->
        [one] hour
       *[other] hours
    }. You can wait or propose another mentor on the request card.
rem-petition-pending = 📨 A petition for a new mentor (from { $name }) has been waiting for a decision for { $days } { $days ->
        [one] day
       *[other] days
    }.
rem-resignation-pending = 📨 A mentor's resignation (from { $name }) has been waiting for a decision for { $days } { $days ->
        [one] day
       *[other] days
    }.
rem-end-soon = 🗓 The mentoring program ({ $mentor } → { $mentees }) ends { $end }, in { $days } { $days ->
        [one] day
       *[other] days
    }. Extend or finish? Decide together with the buttons below; the curator knows too.
rem-end-soon-curator = 🗓 The program of pair #{ $pair } ({ $mentor } → { $mentees }) ends { $end }, in { $days } { $days ->
        [one] day
       *[other] days
    }. A decision is needed: finish it, or extend it by mutual consent.
rem-end-overdue = ❗ The program of pair #{ $pair } ({ $mentor } → { $mentees }) ended { $end }, { $days } { $days ->
        [one] day
       *[other] days
    } ago, and there is no decision. Open the pair's card: finish the program or agree on an extension.
rem-stage-enter = 🧭 { $org }: stage { $stage } — “{ $name }”.
    What this stage needs:
    { $need }
rem-stage-weekly = 🧭 { $org } is still at stage { $stage } — “{ $name }”. A reminder of what it needs:
    { $need }
rem-stage-todo = Who and what is not yet done ({ $count }):
rem-calendar-open = 📅 A period of the regulations has opened: { $title } ({ $from } — { $to }).
rem-calendar-closing = 📅 { $days } { $days ->
        [one] day
       *[other] days
    } left for “{ $title }” (until { $to }).
rem-bank-ask = 📝 Once a year we check the bank of mentors and mentees ({ $year }). Please look at your profile: if everything is right, tap “All correct” — one tap.
rem-bank-report = 📝 { $count } { $count ->
        [one] person
       *[other] people
    } have not yet confirmed their profile in the annual update:
    { $names }
rem-btn-open = Open
rem-btn-open-pair = Open the pair's card
rem-btn-stage = Change the stage
bk-btn-ok = ✅ All correct
bk-btn-edit = ✏️ Edit my profile
bk-confirmed = Thank you! Your profile is confirmed.
bk-nothing = No profile to confirm was found.

## Digests

rem-digest-weekly = 📊 The weekly digest
rem-digest-monthly = 📊 The district's monthly digest
digest-org = { $org } · stage { $stage } — “{ $stage_name }”
    • new requests: { $requests }; proposals awaiting an answer: { $proposals }
    • active pairs: { $pairs }, without an order: { $no_order }
    • overdue tasks: { $overdue }; pairs without meetings for 2 weeks: { $silent }
    • programs ending (14 days) or past their end: { $ending }
    • meetings: { $meetings } { $meetings ->
        [one] meeting
       *[other] meetings
    }, { $hours } { $hours ->
        [one] hour
       *[other] hours
    } (before: { $meetings_before } { $meetings_before ->
        [one] meeting
       *[other] meetings
    }, { $hours_before } { $hours_before ->
        [one] hour
       *[other] hours
    })
digest-unreachable = • unreachable — not receiving messages (blocked the bot or never opened it): { $names }
digest-org-line = { $org } · st. { $stage } · pairs { $pairs } · no order { $no_order } · overdue { $overdue } · silent { $silent } · ending { $ending } · meetings { $meetings } ({ $hours } h) · unreachable { $unreachable }
digest-none = No organizations yet.
digest-sent = The digest has been sent.

## Stages of the model

stage-1 = preparing the conditions for launching the mentoring programme
stage-2 = building the bank of mentees
stage-3 = building the bank of mentors
stage-4 = selecting and training mentors
stage-5 = forming mentoring pairs or groups
stage-6 = organizing the work of mentoring pairs or groups
stage-7 = completing the mentoring
stage-need-1 = the head's order adopting the regulation on mentoring and the roadmap, the curator appointed; invitation links (/invite) for the head, mentors and mentees.
stage-need-2 = collect the teachers' professional requests (/request) and their consent to the processing of personal data.
stage-need-3 = questionnaires of prospective mentors with their competences, and their consent.
stage-need-4 = review the bank of mentors and select suitable ones (approve their questionnaires); organize training: materials, consultations, induction sessions.
stage-need-5 = form pairs and groups from the requests, draw up personalized programmes (/plan), the order fixing the pairs (number and date go on the pair's card).
stage-need-6 = every pair has a plan and regular meetings in the journal, tasks on time, the mentors' reports.
stage-need-7 = end the programmes on time, monitoring (the participants' exit surveys), a final round table, best practices into the bank (/practice).
stage-choose = { $org }: now at stage { $stage } — “{ $name }”. Choose the stage:
    (stages and their names follow section IV of the municipal model (000); appendix 2 of the regulation (001) and §7.1 of the model (004) number the stages differently)
stage-set = { $org }: stage { $stage } — “{ $name }”. The curators got a note on what this stage needs.
stage-no-orgs = You are not a curator of any organization.

## The district calendar

calendar-header = 📅 The district calendar (deadlines of the regulations):
calendar-line = { $n }. { $title } — { $from }–{ $to } ({ $audience })
calendar-help = Add: /calendar add 01.02-31.03 curators,mentors Title
    Remove: with a button below or /calendar remove NUMBER
calendar-added = Added: { $title } ({ $from }–{ $to }).
calendar-removed = The event is removed.
calendar-bad-add = I did not understand. Example: /calendar add 01.02-31.03 curators,mentors Best practice contest
calendar-empty = The calendar is empty.
calendar-btn-remove = 🗑 { $n }
audience-curators = curators
audience-coordinator = coordinator
audience-mentors = mentors
cal-mentee-list = Update the list of teachers who need a mentor
cal-mentor-base = Update the district bank of mentors
cal-program-bases = Update the banks of personalised mentoring programs
cal-curator-registry = Registry of curators; the school roadmap is published
cal-best-practices = Best-practice contest, collection of practices
cal-training-feb = Mentor training (February)
cal-training-sep = Mentor training (September)
cal-articles-may = Electronic collection of mentors' articles (May)
cal-articles-nov = Electronic collection of mentors' articles (November)
cal-monitoring = Indicator monitoring with an analytic report; check of school web pages
cal-school-control = Control at the school level
cal-district-control = Control at the district level
cal-certification = Count of teachers certified as “mentor teacher”; assessment of programs

## Settings

settings-header = Which reminders should I send? Tap to switch on or off. Important ones (program deadlines, answers to proposals, overdue tasks) always come.
settings-on = ✅ { $topic }
settings-off = ⬜ { $topic }
topic-plan = task deadlines (2 days ahead)
topic-silence = pairs without meetings
topic-stage = weekly notes on the stage of the model
topic-calendar = the district calendar
topic-digest = digests

## the district's held events (/calendar)
held-header = Events held this school year: { $count }.
held-line = { $n }. { $date } — { $title } ({ $orgs } organizations took part)
btn-held-add = ✅ Record an event that was held
btn-held-remove = ✖ Event { $n }
btn-held-all = All organizations
held-ask-what = When was the event held and what was it called? Write it in one message, e.g.: 15.10 Mentors' seminar.
held-bad-date = I did not understand the date. Start with the date it was held: “15.10 Mentors' seminar” or “yesterday Round table”.
held-bad-title = After the date, write the event's name (at most 500 characters).
held-ask-orgs = { $date } — “{ $title }”. Which organizations took part? Tick them and press “Done”. Chosen: { $chosen } (page { $page } of { $pages }).
held-future = That date has not come yet: record the event once it has been held.
held-need-orgs = Tick at least one organization.
held-use-buttons = Tick the organizations with the buttons and press “Done”.
held-recorded = Recorded: { $date } — “{ $title }”, { $orgs ->
        [one] { $orgs } organization
       *[other] { $orgs } organizations
    } took part. The event counts in the district's indicators.
held-removed = Removed: { $date } — “{ $title }”.
