## Load and Telegram's answers (issue 16)

# A person sent more updates a minute than the bot accepts from one person.
flood-slow-down = You are writing very often and I can't keep up. Please wait a minute: I will skip what you send until then, and after that I'll answer everything again.

# A line of an announcement's delivery report: the group became a supergroup; sent to its new id.
an-report-migrated = The chat «{ $title }» became a supergroup: its link was moved and the announcement was delivered to the new chat.
