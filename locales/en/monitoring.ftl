## Monitoring: surveys of the participants, indicators, reports.

cmd-survey = surveys: finish one or send one to a pair
cmd-report = indicator report (Excel and a chart)

## Surveys. The questions are defaults: the coordinator may reword them (nastavnik survey import).

sv-title-mentee-entry = Mentee entry survey
sv-title-mentee-exit = Mentee exit survey
sv-title-mentor-exit = Mentor exit survey
sv-q-motivation = How strong is your motivation for professional growth right now?
sv-q-confidence = How confident do you feel in the matters you asked for help with?
sv-q-adaptation = How comfortable are you in the school's team: do you know whom to ask, do you feel you belong?
sv-q-innovation = How involved are you in innovative and methodical work (projects, contests, open lessons)?
sv-q-expectations = What do you expect from working with a mentor? A couple of sentences, please.
sv-q-satisfaction = How satisfied are you with the work in your pair? Would you recommend such a program to a colleague?
sv-q-comment = What went especially well and what should change in the program?
sv-q-mentor-growth = How much did mentoring help your own professional growth?
sv-q-mentee-progress = How much progress did your mentee make with their difficulties?
sv-short-motivation = motivation
sv-short-confidence = confidence in difficult matters
sv-short-adaptation = adaptation in the team
sv-short-innovation = innovative work
sv-short-expectations = expectations
sv-short-satisfaction = satisfaction
sv-short-comment = comment
sv-short-mentor-growth = mentor's growth
sv-short-mentee-progress = mentee's progress
sv-intro = A short survey for monitoring the mentoring program: { $count ->
        [one] { $count } question
       *[other] { $count } questions
    }, it takes a couple of minutes. Only the curator and the district coordinator see the answers.
sv-progress = { $title } · question { $n } of { $total }
sv-legend-1-5 = Rate from 1 to 5: 1 — not at all, 2 — rather not, 3 — partly, 4 — rather yes, 5 — fully.
sv-legend-0-10 = Rate from 0 to 10: 0 — not at all, 10 — absolutely.
sv-legend-text = Type your answer in one message or tap “Skip”.
sv-btn-skip = Skip
sv-skipped = skipped
sv-your-answer = ✔ Your answer: { $answer }
sv-done = Thank you! The survey is complete — your answers help improve the program.
sv-resume = Let's continue the survey where you stopped.
sv-nothing = No unfinished surveys. When it is time, the bot will send the questions itself.
sv-no-pairs = Your organization has no active pairs yet — nobody to send a survey to.
sv-choose-pair = Which pair should get a survey?
sv-pair-button = #{ $id }: { $names }
sv-choose-survey = Pair #{ $id }. Which survey?
sv-btn-entry = Entry (mentees and the mentor)
sv-btn-exit = Exit (mentees and the mentor)
sv-sent = Pair #{ $id }: the survey was sent to { $count ->
        [0] nobody — everyone has taken it already or cannot be reached
        [one] { $count } participant
       *[other] { $count } participants
    }.

## Indicators (004 Table 1 and the bot's own)

ind-orgs-ready = Organizations with a regulation on mentoring, a curator and a mentor base
ind-facts-stated = Organizations that stated their facts (/school)
ind-teachers-in-programs = Teachers in mentoring programmes
ind-new-heads-in-programs = New heads in mentoring programmes
ind-district-events = District mentoring events this year
ind-event-participation = Organizations that took part in district events
ind-mentors = Mentors in active pairs
ind-mentees = Mentees in active pairs
ind-pairs-active = Active pairs and groups
ind-pairs-completed = Completed with the plan done
ind-pairs-terminated = Ended early
ind-young-in-programs = Young teachers (first 3 years) in programmes
ind-completion = Mentees who completed a programme
ind-ended = Ended early: { $reason }
ind-meetings-per-month = Meetings per pair per month
ind-hours-per-month = Meeting hours per pair per month
ind-sos-median-minutes = Median response time to /sos
ind-silent-share = Silent pairs (no meeting for 14 days or more)
ind-without-order = Active pairs without an order
ind-change = Change in “{ $question }” (exit − entry)
ind-satisfaction-mentee = Mentee satisfaction (0–10)
ind-nps-mentee = Mentee NPS
ind-satisfaction-mentor = Mentor satisfaction (0–10)
ind-nps-mentor = Mentor NPS
ind-met = met
ind-not-met = not met
ind-no-data = no data
unit-people = people
unit-pairs = pairs
unit-events = events
unit-percent = %
unit-rate = meetings per month
unit-hours = hours per month
unit-minutes = minutes
unit-score = points

## The report (XLSX / CSV / chart)

report-district = District
report-file = report
report-heading = Mentoring programs monitoring: { $scope }, as of { $date }
report-which-org = You curate several organizations. Which one should the report cover?
report-preparing = Preparing the report: { $scope }…
report-bad-date = Write the report date like this: /report 30.11.2026 (or just /report for today).
report-period-quarter = for the quarter
report-period-half-year = for the half-year
report-period-year = for the year
report-btn-quarter = Quarter
report-btn-half-year = Half-year
report-btn-year = Year
report-which-period = Report: { $scope } as of { $date }. What period should the journal and the weekly meetings chart cover? The indicators are computed as of the report's date.
report-caption = Report: { $scope } as of { $date }, journal { $period }. Indicators with a target: { $met } of { $total } met, no data — { $nodata }.
report-btn-csv = Download as CSV
report-chart-caption = Meetings per week { $period } and indicators against targets.
report-csv-preparing = Preparing CSV…
chart-weekly = Meetings per week { $period }: { $scope }
chart-meetings = meetings
chart-targets = Indicators and targets as of { $date }
chart-legend-target = target
chart-legend-met = met
chart-legend-not-met = not met
chart-legend-no-data = no data — the indicator cannot be computed
xl-sheet-indicators = Indicators
xl-sheet-orgs = Organizations
xl-sheet-pairs = Pairs
xl-sheet-journal = Journal
xl-sheet-requests = Requests
xl-sheet-surveys = Surveys
xl-sheet-kinds = By kind
xl-col-all-kinds = All organizations
xl-col-indicator = Indicator
xl-col-value = Value
xl-col-unit = Unit
xl-col-direction = Condition
xl-col-target = Target
xl-col-verdict = Result
xl-col-numerator = Meeting it
xl-col-base = Total
xl-col-org-id = Org #
xl-col-org = Organization
xl-col-has-curator = Curator
xl-col-mentor-base = Mentors in the base
xl-col-pair = Pair #
xl-col-mentor = Mentor
xl-col-mentees = Mentees
xl-col-start = Start
xl-col-planned-end = Planned end
xl-col-status = Status
xl-col-end-reason = End reason
xl-col-ended = Ended
xl-col-order-no = Order #
xl-col-order-date = Order date
xl-col-meetings = Meetings
xl-col-hours = Hours
xl-col-last-meeting = Last meeting
xl-col-date = Date
xl-col-kind = Kind
xl-col-minutes = Minutes
xl-col-format = Format
xl-col-topic = Topic
xl-col-author = Logged by
xl-col-request = Request #
xl-col-mentee = Mentee
xl-col-reject-reason = Rejection reason
xl-col-created = Created
xl-col-updated = Updated
xl-col-person = Participant
xl-col-survey = Survey
xl-col-question = Question
xl-col-score = Score
xl-col-answer = Answer
xl-col-answered = Answered at
xl-anonymous = (data erased)
xl-status-active = ongoing
xl-status-completed = completed
xl-status-terminated = ended early
xl-entry-meeting = meeting
xl-entry-helped = help
xl-entry-sos = urgent question
xl-entry-task = task
xl-entry-check = check
