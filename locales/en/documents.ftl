# The head's orders, the school's documents, the head of the organization.

## Order: number and date
order-err-empty = I see neither a number nor a date. Write it like: No. 01-12/45 of 02.09.2026
order-err-no-date = I don't see the order's date at the end. Write it like: 45 of 02.09.2026
order-err-bad-date = There is no such date. Check the day, month and year: e.g. 02.09.2026 or 2.9.26.
order-err-no-number = I don't see the order's number (it needs at least one digit). Write it like: No. 45 of 02.09.2026
order-err-number-long = The order's number is too long: 40 characters at most.
order-err-future = The order is dated after today ({ $today }). An order is entered once signed: check the date.
order-err-before-start = The order is dated before the pair started ({ $start }). Check the date.
btn-order-apply-rest = { $count ->
    [one] Same order for { $count } more pair without one
   *[other] Same order for { $count } more pairs without one
}
order-applied = { $count ->
    [0] No pairs without an order are left.
    [one] Order no. { $number } of { $date } recorded for { $count } more pair: { $pairs }.
   *[other] Order no. { $number } of { $date } recorded for { $count } more pairs: { $pairs }.
}

## Kinds of documents
doc-kind-programme = Personalised mentoring programme
doc-kind-order = Draft order fixing mentors
doc-kind-adaptation = Mentor's report on adaptation
doc-kind-final = Final report on the programme
doc-kind-spravka = Analytic report
doc-kind-mentors = Bank of mentors
doc-kind-mentees = Bank of mentees
doc-kind-consent = Record of consents
doc-err-not-found = No such document: check the pair's or the person's number.
doc-err-empty = The document would be empty, so I am not making it.

## Common parts
doc-page = page
doc-page-of = of
doc-xl-footer = page { $page } of { $pages }
doc-year-suffix = {""}
doc-org = Organization
doc-mentor = Mentor
doc-mentee = Mentee
doc-head = Head of the organization
doc-curator = Curator
doc-forms = Forms of mentoring
doc-areas = Areas (the mentee's requests)
doc-period = Period
doc-period-value = from { $from } to { $to }
doc-order = Order fixing the pair
doc-no-order = not issued (the pair works without an order)
doc-ended = Programme ended
doc-made-on = Made on { $date }.
doc-never = none
doc-no-consent = no record
doc-person = Full name
doc-roles = Roles in the programme
doc-registered = Registered in the bot
doc-status-planned = planned
doc-status-submitted = done, awaiting the check
doc-status-rework = being reworked
doc-status-done = done
doc-status-cancelled = cancelled
doc-status-overdue = overdue
doc-mentor-status-active = active
doc-mentor-status-paused = paused
doc-mentor-status-resigned = resigned

## Table columns
doc-col-no = No.
doc-col-activity = Activity, task
doc-col-area = Area
doc-col-deadline = Deadline
doc-col-status = Status
doc-col-product = Product
doc-col-self-score = Self-assessment
doc-col-self-comment = The mentee's view of the result
doc-col-mentor = Mentor
doc-col-mentees = Mentees
doc-col-forms = Form of mentoring
doc-col-dates = Programme dates
doc-col-consents = Participants' consents
doc-col-indicator = Indicator
doc-col-value = Value
doc-col-date = Date
doc-col-minutes = Minutes
doc-col-topic = Topic
doc-col-question = Survey question
doc-col-change = Change (exit − entry)
doc-col-answered = Answered
doc-col-org = Organization
doc-col-meetings = Meetings in the period
doc-col-plan = Plan done
doc-col-order = Order
doc-col-consent = Consent
doc-col-basis = To what
doc-col-when = When
doc-col-name = Full name
doc-col-position = Position
doc-col-experience = Years of experience
doc-col-competences = Competences
doc-col-capacity = Places
doc-col-load = Mentees now
doc-col-mentor-status = Status
doc-col-mentor-consent = Consent to mentor
doc-col-updated = Updated
doc-col-category = Category
doc-col-requests = Requests (areas)
doc-col-pd-consent = Consent to personal data processing

## 1. Programme
doc-programme-title = PERSONALISED MENTORING PROGRAMME
doc-programme-of-pair = of pair no. { $id }
doc-programme-of-group = of group no. { $id }
doc-section-participants = 1. Participants, forms and dates
doc-section-goals = 2. Goals
doc-section-plan = 3. Plan of activities
doc-section-products = 4. Results (products) and the mentee's self-assessment
doc-section-signatures = 5. Agreed
doc-no-goals = No goals in the programme yet.
doc-no-plan = No activities in the plan yet.
doc-no-products = No products yet.
doc-programme-agreed = Read and agreed:

## 2. Draft order
doc-order-title = ORDER
doc-order-number-line = of { $date }                No. ______
doc-order-subject = On fixing mentors to mentees
doc-order-preamble = In accordance with the organization's regulation on the mentoring of teachers, on the basis of the participants' written consent
doc-order-resolve = I ORDER:
doc-order-item-1 = 1. To fix mentors to mentees and approve the forms and dates of the personalised mentoring programmes:
doc-order-item-2 = 2. To appoint the curator of the mentoring programmes { $curator } responsible for organizing and supporting the pairs and groups.
doc-order-item-3 = 3. Mentors shall draw up the personalised programmes together with their mentees within a month and submit them to the curator.
doc-order-item-4 = 4. I reserve the control over this order.
doc-consent-of = { $name }: { $at }
doc-order-acquainted = Acquainted with the order:

## 3. Reports
doc-report-to = To the curator of the mentoring programmes { $curator }
doc-adaptation-title = MENTOR'S REPORT ON THE MENTEE'S ADAPTATION
doc-final-title = FINAL REPORT ON THE PERSONALISED MENTORING PROGRAMME
doc-report-period = for the period from { $from } to { $to }
doc-report-plan = Plan of activities
doc-report-products = Results (products) and the mentee's self-assessment
doc-section-figures = The period in figures
doc-section-meetings = Meetings
doc-section-change = Change in the surveys (entry and exit)
doc-section-comment = The mentor's comment
doc-fig-meetings = Meetings
doc-fig-hours = Hours of work (meetings and help)
doc-fig-helped = Situational help
doc-fig-tasks = Tasks
doc-fig-tasks-value = given { $given }, submitted { $submitted }, checked { $checked }
doc-fig-plan = Plan
doc-fig-plan-value = done { $done } of { $total }, overdue { $overdue }
doc-fig-sos = Questions via /sos
doc-fig-sos-value = asked { $asked }, answered { $answered }, median answer { $median } min
doc-no-meetings = No meetings in this period.
doc-no-change = The entry and exit surveys are not both filled in yet.

## 4. Analytic report
doc-spravka-title = ANALYTIC REPORT
doc-spravka-org = on the mentoring programmes of { $scope }
doc-spravka-district = on the mentoring model: { $scope }
doc-section-indicators = 1. Indicators and targets
doc-section-pairs = 2. Work of pairs and groups
doc-section-risks = 3. Risks
doc-section-conclusions = 4. Conclusions and proposals
doc-meetings-value = { $count } ({ $hours } h)
doc-plan-value = { $done } of { $total }
doc-risk-silent = Pairs without a meeting for more than { $days } days
doc-risk-overdue = Pairs with overdue tasks
doc-risk-unanswered = Pairs with unanswered questions
doc-risk-without-order = Pairs without an order
doc-risk-none = none
doc-risk-silent-pair = no. { $id }, mentor { $mentor }: last meeting — { $last }
doc-risk-overdue-pair = no. { $id }, mentor { $mentor }: { $count } overdue
doc-risk-unanswered-pair = no. { $id }, mentor { $mentor }: { $count } unanswered
doc-conclusions-blank = ________________________________________________________________

## 6. Consents
doc-consent-title = RECORD OF A PARTICIPANT'S CONSENTS
doc-consent-pd = Processing of personal data
doc-consent-pd-basis = Federal Law No. 152-FZ of 27.07.2006: name, position, subjects, experience, organization, records of the work in the programme
doc-consent-mentor = Acting as a mentor
doc-consent-mentor-basis = the mentor's written consent (the mentoring regulation)
doc-consent-mentee = Taking part as a mentee
doc-consent-mentee-basis = the mentee's questionnaire with requests (last confirmed)
doc-consent-withdraw = Consent can be withdrawn at any time with /forget; /mydata shows what is stored.

## /documents
cmd-documents = documents: programme, order, reports, analytic report, banks, consents
doc-choose-kind = Which document shall I prepare? I'll send it as a file (Word or Excel, A4).
doc-choose-pair = For which pair or group?
doc-choose-org = For which organization?
doc-choose-period = For which period?
doc-period-m0 = This month
doc-period-m1 = Last month
doc-period-y = Since the school year began
doc-no-pairs = There are no pairs yet for which this document is available to you.
doc-making = Preparing: { $kind }…
doc-empty-programme = Nothing to put in this pair's programme yet.
doc-empty-order = All active pairs are already fixed by an order — no draft is needed.
doc-empty-adaptation = The mentor has not sent an adaptation report (/adaptation) yet, there is nothing to show.
doc-empty-final = Nothing to put in this pair's final report yet.
doc-empty-spravka = No pair worked from { $from } to { $to } — the report would be empty.
doc-empty-mentors = The bank of mentors is empty so far.
doc-empty-mentees = The bank of mentees is empty so far.
doc-empty-consent = No record of consents.

## The head of the organization
digest-awaiting-order = Awaiting an order ({ $count }): { $pairs }
digest-and-more = and { $count } more
digest-head = The school in one message: { $org }
    • stage { $stage } — “{ $stage_name }”
    • active pairs and groups: { $pairs }, without an order: { $no_order }
    • no meeting for over two weeks: { $silent }
    • overdue tasks: { $overdue }
    • programmes ending or expired: { $ending }
    • awaiting the curator's decision (petitions, resignations): { $decisions }
    • new requests this week: { $requests }; proposals awaiting an answer: { $proposals }
    • meetings this week: { $meetings } ({ $hours } h)
help-head = You are the head of the organization: you see the school's pairs (/pairs), record the order fixing them, get copies of petitions to replace a mentor and of mentors' resignations; /digest shows the whole school in one message, /documents gives the draft order, programmes, the analytic report and the banks.
pt-head-copy = A copy for the head. { $text }
rs-head-copy = A copy for the head. { $text }
pt-head-decided = The curator's decision ({ $curator }): the petition of { $name } to replace the mentor is { $approved ->
    [yes] approved
   *[no] rejected
}.
rs-head-decided = The curator's decision ({ $curator }): the resignation of mentor { $name } is { $approved ->
    [yes] accepted
   *[no] rejected
}.
