# meetings planned ahead

meeting-when = { $rel ->
        [today] today
        [tomorrow] tomorrow
       *[other] { $weekday }
    }, { $date }, at { $time }
meeting-weekday-1 = Mon
meeting-weekday-2 = Tue
meeting-weekday-3 = Wed
meeting-weekday-4 = Thu
meeting-weekday-5 = Fri
meeting-weekday-6 = Sat
meeting-weekday-7 = Sun

meeting-planned = 📅 Meeting planned: { $when }, { $duration } — “{ $topic }”. With: { $with }.
    I will remind you both the evening before and an hour before, and ask afterwards whether it took place.
meeting-planned-party = 📅 { $mentor } planned a meeting with you: { $when }, { $duration } — “{ $topic }”.
    If the time does not suit you, press “Move”.
meeting-moved = 📅 Meeting moved: { $when }, { $duration } — “{ $topic }”. With: { $with }.
meeting-moved-party = 📅 New time of the meeting: { $when }, { $duration } — “{ $topic }”.
meeting-moved-by = { $who } moved the meeting (it was { $old }).
meeting-cancelled = The meeting { $when } (“{ $topic }”) is cancelled. To plan a new one: /meeting tomorrow 15:30 Topic.
meeting-cancelled-party = { $who } cancelled the meeting { $when } (“{ $topic }”).
meeting-missed = Noted: the meeting { $when } (“{ $topic }”) did not take place. To plan a new one: /meeting tomorrow 15:30 Topic.
meeting-next = 📅 Next meeting: { $when } — “{ $topic }”.
meeting-ask-time = When will the meeting be? Now: { $when }. Type the new time, e.g. tomorrow 16:00 or 25.12 10:00.
meeting-ask-cancel = Cancel the meeting { $when } (“{ $topic }”)? The other side will be told.
meeting-choose-who = Choose with the buttons who the meeting is with — or start again with /meeting.
meeting-plan-usage = How to plan a meeting:
    /meeting tomorrow 15:30 Lesson review
    /meeting friday 14:00 60 Planning
    /meeting 25.12 10:00 Half-year results
meeting-err-no-topic = Write what the meeting is about after the time.
meeting-err-bad-date = I did not understand the date. Use “today”, “tomorrow”, a weekday (“friday”) or a date like 25.12.
meeting-err-past = That time has passed — meetings can only be planned ahead. If the meeting already happened, log it: /meeting 45 Topic.
meeting-err-too-far = That is too far ahead: a meeting can be planned at most a year ahead.
meeting-err-new-time = I did not understand the new time. Type, for example: tomorrow 16:00, friday 14:00 or 25.12 10:00.
meeting-ics-summary = Mentoring meeting: { $topic }
meeting-ics-description = Mentor: { $mentor }
    With: { $with }
meeting-ics-caption = Open the file — your phone will offer to add the meeting to your calendar.
meeting-flash-done = ⚡ The meeting took place — the flash mentoring programme is complete and the pair has ended. Thank you! A short survey about the results follows.
btn-meeting-ics = 📅 Add to calendar
btn-meeting-move = Move
btn-meeting-cancel = Cancel
btn-meeting-cancel-yes = Yes, cancel the meeting
btn-meeting-held = Yes, { $duration }
btn-meeting-missed = Did not take place
pd-meetings = Planned meetings
topic-meetings = meeting reminders
rem-meeting-eve = 📅 A reminder: meeting { $when } — “{ $topic }”, { $duration }.
rem-meeting-soon = ⏰ In an hour: meeting { $when } — “{ $topic }”.
rem-meeting-ask = 🗓 Did the meeting { $when } — “{ $topic }” — take place? One tap puts it in the journal.
btn-meeting-plan = 📅 Plan a meeting
meeting-ask-plan = When is the meeting and what about? Write it in one message, e.g.: tomorrow 15:30 Lesson review (you may add the length: friday 14:00 60 Planning).
