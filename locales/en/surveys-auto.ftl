# surveys-auto
## Surveys that cannot be forgotten (issue 19 §1): the exit survey comes by itself when a pair
## ends, the entry survey to a mentor with their first pair, one reminder after 3 days, resending.

rem-survey-exit = 🏁 The work of pair #{ $pair } has ended. Please answer the exit survey — it shows the curator and the district what the program gave and what should change.
rem-survey-remind = 📝 A reminder about the survey “{ $title }” (pair #{ $pair }): it came { $days } { $days ->
        [one] day
       *[other] days
    } ago and is not finished yet. It takes a couple of minutes — continue with the button below or /survey.
topic-survey = survey reminders
sa-btn-continue = Continue the survey
sa-resend-button = ↻ #{ $id }: { $names } — exit survey again
sa-choose-ended-only = No active pairs. Pairs that ended recently — the exit survey can be sent again to those who did not answer:
sa-ended-below = Below (↻): pairs that ended in the last { $days } { $days ->
        [one] day
       *[other] days
    }; the exit survey goes again to whoever has not finished it.
sa-resend-not-ended = The exit survey can be sent again only to a pair that ended in the last { $days } { $days ->
        [one] day
       *[other] days
    }.
sa-resent = Pair #{ $id }: the exit survey was sent again to { $count ->
        [0] nobody — every participant has answered or cannot be reached
        [one] { $count } participant
       *[other] { $count } participants
    }.
digest-surveys-unanswered = • surveys without an answer: { $count } (exit surveys of ended pairs can be sent again — /survey)

sv-title-mentor-entry = Mentor entry survey
sv-q-mentor-readiness = How confident are you that you are ready to be a mentor: do you know where to start and how to help?
sv-q-mentor-expectations = What do you expect from mentoring and where do you need the curator's support? A couple of sentences, please.
sv-short-mentor-readiness = readiness to mentor
sv-short-mentor-expectations = mentor's expectations

## Stages (000 §IV): the checklist of who and what is not yet done

stage-todo-no-head = the head of the organization has not joined the bot yet (/invite)
stage-todo-no-mentors = no mentors in the bot (/invite)
stage-todo-no-mentees = no mentees in the bot (/invite)
stage-todo-mentee-no-request = mentees without a request
stage-todo-mentor-no-profile = mentors without a questionnaire
stage-todo-mentor-not-approved = mentors' questionnaires awaiting the curator's approval
stage-todo-request-no-pair = requests without a pair
stage-todo-pair-no-order = pairs without an order
stage-todo-pair-no-plan = pairs without a plan (/plan)
stage-todo-pair-silent = pairs without meetings for 3 weeks or more
stage-todo-programme-overdue = programmes past their end date, not yet ended
stage-todo-exit-survey-unanswered = exit survey not answered
stage-todo-more = and { $count } more
