# District community: chats, announcements, the bank of best practices.

cmd-announce = announcement to chats and people
cmd-practice = offer a practice to the bank
cmd-moderate = practices awaiting review
cmd-practices = bank of best practices
cmd-mentors = open district base of mentors
cmd-events = upcoming district events
cmd-link_chat = link a group to the community
cmd-unlink_chat = unlink a group

## Chats

chat-hello = Hello, colleagues! I am the district's teacher mentoring bot.
    In groups I only answer my own commands and never post personal data: requests, reasons and journals stay in private messages.
    A coordinator or administrator can link this chat to the district community with /link_chat. If nobody links it within a day, I will quietly leave.
    Available here: /practices — the bank of best practices, /events — upcoming events, /mentors — the open base of mentors.
chat-link-not-allowed = Only the district coordinator or an administrator can link and unlink chats. I changed nothing.
chat-link-in-group = This command works in a group: add me to the chat and send it there.
chat-link-choose = What is this chat?
btn-chat-district = District mentors' community
btn-chat-org = An organization's chat
btn-chat-council = Subject council (МО)
chat-link-choose-org = Which organization's chat is it?
chat-ask-topic = Reply to this message with the council's name, e.g. "Mathematics teachers' council".
chat-topic-length = The council's name takes 3 to { $max } characters. Please reply again.
chat-link-cancelled = All right, the chat is not linked yet.
chat-linked-district = Done: this is the district mentors' community chat. District announcements will come here.
chat-linked-org = Done: this is the chat of "{ $org }". Announcements of its curator and of the district will come here.
chat-linked-council = Done: this is the chat of the subject council "{ $topic }".
chat-unlinked = The chat is unlinked from the community. If nobody links it again, I will leave in a day.
chat-not-linked = This chat is not linked anyway.
chat-goodbye = Nobody linked this chat to the district community, so I am leaving. If you need me, add me again and ask the coordinator to link the chat.
chat-welcome = { $count ->
        [one] Welcome to the community, { $names }!
       *[other] Welcome to the community, colleagues: { $names }!
    } I am the district's mentoring bot. To find a mentor or become one, say hello to me in private — it takes a couple of minutes.
btn-welcome-start = Meet the bot

events-none = No upcoming events.
events-header = Upcoming district events:

mentors-ask-area = Write an area after the command, e.g. /mentors methods. Areas:
    { $areas }
mentors-none = The open base has no mentors for "{ $area }" yet. Your school's curator will help you find a mentor: /request in private.
mentors-header = { $area }: { $count } { $count ->
        [one] mentor
       *[other] mentors
    } in the open district base (they agreed to be listed).
mentors-more = and { $count } more — narrow the area down.
btn-ask-mentor = Ask for { $name }
mentor-link-card = { $name }, { $org }
    Competences: { $competences }
mentor-link-how = To ask for this mentor, fill in a request: at the last step press "Choose a mentor" and pick "{ $name }". The curator will see your wish.
mentor-link-not-mentee = Mentees ask for mentors. If you need support, tell your organization's curator.
mentor-link-unknown = This mentor is no longer in the open district base. See the others: /mentors

## Announcements

an-ask-text = Write the announcement. You can send a document or a photo with a caption — the caption becomes the text. To cancel — /cancel.
an-need-text = The announcement needs a text (or a caption for the file).
an-too-long = The announcement is longer than { $max } characters ({ $len } now). Please shorten it.
an-ask-targets = Who should get it? Tick the recipients and press "Done".
an-target-chat-district = District community chat
an-target-chat-org = Organizations' chats
an-target-chat-council = Subject councils' chats
an-target-role-mentor = Mentors (in private)
an-target-role-mentee = Mentees (in private)
an-target-role-curator = Curators (in private)
an-file-document = document
an-file-photo = photo
an-file-none = none
an-preview = Please check the announcement:

    { $text }

    Attachment: { $file }
    Recipients: { $targets }
    Right now that is { $chats } { $chats ->
        [one] chat
       *[other] chats
    } and { $people } { $people ->
        [one] person
       *[other] people
    }.
btn-an-send = Send now
btn-an-later = Schedule
btn-an-targets = Change recipients
an-ask-time = When should it go out? Write the date and time (district time) as DD.MM.YYYY HH:MM, e.g. 15.09.2026 09:00.
an-time-format = I did not understand the time. Write it like this: 15.09.2026 09:00.
an-time-past = That time has passed. Please give a time in the future.
an-scheduled = Announcement #{ $id } is scheduled for { $when }. I will send a delivery report afterwards.
an-waiting = { $count ->
    [one] { $count } announcement is
   *[other] { $count } announcements are
} already scheduled:
btn-an-unschedule = Cancel #{ $id }
an-unscheduled = Announcement #{ $id } is cancelled and will not be sent.
an-unschedule-late = This announcement has already been sent or cancelled.
an-cancelled = The announcement is cancelled; nothing was sent.
an-sending = Sending announcement #{ $id }… I will send the delivery report when done.
an-header-district = 📢 Announcement from the district coordinator
an-header-org = 📢 Announcement from the curator
an-report = Report on announcement #{ $id }: delivered { $sent } of { $total } ({ $chats } { $chats ->
        [one] chat
       *[other] chats
    } and { $people } { $people ->
        [one] person
       *[other] people
    }).
an-report-failed = Not delivered to { $count } { $count ->
        [one] recipient
       *[other] recipients
    }:
an-report-chat = chat "{ $title }"
an-report-more = and { $count } more
an-fail-blocked = blocked the bot
an-fail-deactivated = account deleted
an-fail-not_started = has not started the bot or withdrew consent
an-fail-kicked = the bot was removed from the chat
an-fail-failed = Telegram did not accept the message, try later

## The bank of best practices

ps-no-finished = A practice can be offered once a mentoring program has ended (the pair completed its plan). There are no such pairs yet.
ps-choose-pair = Which finished program is the practice from?
ps-pair-button = #{ $id }: { $mentor } — { $mentees }
ps-ask-title = What is the practice called? One line, e.g. "Open lessons for young teachers".
ps-title-length = The title takes { $min } to { $max } characters.
ps-ask-areas = Which areas does it belong to? Tick them and press "Done".
ps-ask-form = Which form of mentoring?
ps-ask-description = Describe the practice: what you did, what worked, what colleagues can use (at least { $min } characters). No names or personal details — the whole district will see it.
ps-description-length = The description takes { $min } to { $max } characters ({ $len } now).
ps-ask-files = You can attach up to { $max } files: documents or photos (a lesson plan, a methodological work). When ready, press "Send for review".
ps-files-hint = Send a document or a photo, or press "Send for review".
ps-file-added = File added ({ $count } in all). Send more or press "Send for review".
ps-files-full = That is { $max } files already — no more fit. Press "Send for review".
btn-ps-submit = Send for review
ps-submitted = Thank you! The practice "{ $title }" went to the district coordinator for review. I will tell you the decision.
ps-not-finished = This program has not ended yet — a practice can be offered after it ends.
ps-author-published = Your practice "{ $title }" is published in the district's bank of best practices. Thank you for sharing!
ps-author-returned = The coordinator sent the practice "{ $title }" back for changes:
    { $comment }
    Fix it and send again: /practice
ps-author-rejected = The coordinator did not include the practice "{ $title }" in the bank. If you have questions, write to the coordinator.

pm-new = A new practice to review.
pm-header = Author: { $author }, pair #{ $pair }
pm-none = No practices awaiting review.
btn-pm-approve = ✅ Publish
btn-pm-return = ↩ Send back
btn-pm-reject = ✖ Reject
pm-ask-comment = Write a comment for the author: what to fix.
pm-done-published = ✅ Published.
pm-done-returned = ↩ Sent back to the author with a comment.
pm-done-rejected = ✖ Rejected.
pm-not-finished = Cannot publish: this pair's program has not ended. Results are published only after the program ends.
pm-already = This practice has already been decided.

bank-card = "{ $title }"
    Areas: { $areas }
    Form: { $form }
    Organization: { $org }

    { $description }

    Files: { $files }
bank-position = Practice { $index } of { $total }
bank-empty = The bank of best practices is empty so far. Practices appear after mentoring programs end.
bank-nothing = No practices found for "{ $query }". Try other words.
bank-group-header = Bank of best practices: { $count } { $count ->
        [one] practice
       *[other] practices
    }
btn-bank-open = Open the bank in private
btn-bank-files = 📎 Files ({ $count })
