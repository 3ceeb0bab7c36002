# Personal data (issue 15): /mydata table by table, /forget, practices of people who left,
# mentors waiting for confirmation, look-alike names.

mydata-stored = Records holding your data, by table:
mydata-line = • { $what } (table { $table }): { $rows ->
    [one] { $rows } record
   *[other] { $rows } records
    }
mydata-no-records = No other records hold your data.
mydata-mentor-status = Status in the mentor bank: { $status }
mentor-status-pending = waiting for the curator's confirmation
mentor-status-approved = confirmed by a curator or an invitation

pd-users = Profile: name, organization, position, subjects, experience, language
pd-roles = Roles
pd-mentee-profiles = Mentee questionnaire
pd-mentor-profiles = Mentor questionnaire
pd-invite-uses = Invitations you registered with
pd-dialogues = An unfinished form in the chat with the bot
pd-requests = Your requests for a mentor (description, reason of rejection)
pd-proposals = Reasons given when declining proposals
pd-petitions = Petitions to replace the mentor
pd-decisions = Decisions on petitions and statements with a comment
pd-resignations = Statements of resignation as a mentor
pd-pair-changes = Requests to end or extend a programme
pd-history = Comments in the history of your requests and pairs
pd-plan-items = Plan items and tasks
pd-plan-products = Results and self-assessment of plan items
pd-plan-checks = The mentor's comments on tasks
pd-source-messages = Links to your Telegram messages
pd-sos = Questions to the mentor (/sos)
pd-sos-answers = Answers to /sos questions
pd-journal = Journal entries
pd-journal-versions = Earlier versions of journal entries
pd-adaptation-reports = Adaptation reports
pd-mutes = Reminders switched off
pd-chat-questions = An unfinished group chat setup
pd-announcements = Your announcements
pd-outbox = Messages to you the bot has not sent yet
pd-practices = Your practices (not published) and comments on them
pd-practice-files = Files of your unpublished practices
pd-practice-index = Search index of your unpublished practices
pd-survey-texts = Your own words in questionnaires

forget-done-practices = { $count ->
    [one] Your published practice is hidden from the bank. A curator will decide whether to keep it without your name; otherwise it will be deleted.
   *[other] Your published practices ({ $count }) are hidden from the bank. A curator will decide whether to keep them without your name; otherwise they will be deleted.
    }

pk-ask = The author of the practice «{ $title }» withdrew consent to the processing of personal data. The practice is hidden from the bank of best practices. Keep it in the bank without the author's name, or remove it?
btn-pk-keep = Keep without the author's name
btn-pk-drop = Remove from the bank
pk-kept = The practice «{ $title }» is back in the bank, without the author's name.
pk-dropped = The practice is removed from the bank; its texts and files are deleted.
pk-already = This practice has already been decided on.

mv-ask = A new mentor joined without an invitation: { $name } ({ $org }). Until the questionnaire is confirmed, this person is not suggested to mentees. Confirm if they teach at your organization.
btn-mv-confirm = Confirm the mentor
mv-confirmed = Confirmed: { $name } is in the mentor bank and may now be suggested to mentees.
mv-mentor-confirmed = Your mentor questionnaire has been confirmed by the curator. You may now be suggested to mentees.
mv-already = This questionnaire is already confirmed or no longer waiting.
inbox-mentor-pending = Confirm the mentor: { $name } (waiting for confirmation)
ob-mentor-pending = You are in the mentor bank as «waiting for confirmation»: the curator of your organization will confirm the questionnaire, and then you may be suggested to mentees.

dup-name-curator = Note: the organization «{ $org }» now has two people named «{ $name }». Check that they are different people and not an impostor's account (the new record's role: { $role }).
err-name-mixed-scripts = A word of the name mixes Cyrillic and Latin letters (for example, a Latin «M» in «Мария»). Please type the name in one keyboard layout.
