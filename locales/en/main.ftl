# General texts: help, menus, errors, /mydata, /forget, /lang, /invite, groups.

years = { $count } { $count ->
    [one] year
   *[other] years
}

err-internal = Something went wrong and I changed nothing. Please try again in a minute; if it keeps failing, tell the administrator.
stale-button = This button is no longer active. Please open the section again.
unknown-command = I don't know the command /{ $command }. See /help for what I can do.
need-registration = Let's get acquainted first: press /start.
not-allowed = This command belongs to other participants, so I did nothing. Your commands are in /help.
nothing-to-cancel = There is nothing to cancel.
cancelled = Cancelled. Nothing was changed.
use-buttons-or-cancel = Please choose with the buttons above, or send /cancel to cancel.
idle-text = I didn't understand that. See /help for everything I can do.
idle-unregistered = Hello! I am the teacher mentoring programme bot. Press /start to begin.
err-need-text = Please answer with text.
err-choose-one = Choose at least one option.
saved = Saved.
word-yes = yes
word-no = no

btn-done = Done
btn-prev = ◀ Back
btn-next = Next ▶
btn-yes = Yes
btn-no = No
btn-cancel = Cancel

help-header = Here is what I can do:
help-unregistered = I help run teacher mentoring programmes: find a mentor, log meetings and tasks, remind about deadlines. Press /start to begin.
cmd-start = start using the bot
cmd-help = what the bot can do
cmd-profile = my profile
cmd-mydata = what data is stored about me
cmd-invite = invite participants
cmd-lang = language / язык
cmd-cancel = cancel the current action
cmd-forget = withdraw consent and delete my data

# the language's own name, on its button
lang-name = English
lang-choose = Выберите язык / Choose your language:
lang-set = Done, I will speak English now.

forget-confirm = Withdraw your consent to personal data processing?
    I will delete your name, organization, position, subjects, experience, questionnaires and roles, and replace the texts you wrote (requests, journal, questions, reports) with «(удалено по запросу)». The history of mentoring pairs stays in the district's statistics, with no link to you. This cannot be undone.
btn-forget-yes = Yes, delete
forget-done = Consent withdrawn. Your name, organization, position, subjects, experience, language, questionnaires, roles and the link to Telegram are deleted. Texts you wrote or that named you (requests, journal, questions, comments, reports, questionnaire answers) are replaced with «(удалено по запросу)» (deleted on request). Pair history and the district's counts stay, with no link to you. To come back, press /start.
forget-nothing = Nothing is stored about you.
forget-cancelled = All right, nothing was deleted.

mydata-nothing = Apart from your Telegram id while we talk, nothing is stored about you.
mydata-basic = This is everything stored about you:
    Telegram ID: { $tgid }
    Consent to data processing: { $consent }
    Full name: { $name }
    Organization: { $org }
    Position: { $position }
    Subjects: { $subjects }
    Experience (years): { $experience }
    Language: { $lang }
    Registration completed: { $registered }
mydata-roles = Roles: { $roles }
mydata-mentee = Mentee profile:
    Category: { $category }
    Difficulties: { $areas }
mydata-mentor = Mentor profile:
    Competences: { $competences }
    Forms: { $forms }
    Mentees at a time: up to { $capacity }
    Consent to be a mentor: { $consent }
    Willing to work with other schools: { $otherorgs }
    Listed in the open district base: { $public }
mydata-footer = Change your data with /profile; withdraw consent and delete it with /forget.

invite-choose-role = Whom do you want to invite?
invite-choose-org = Into which organization?
invite-no-orgs = There are no organizations yet. The administrator adds them with "nastavnik org add".
invite-whole-district = the whole district
invite-created = The invitation is ready.
    Role: { $role }
    Organization: { $org }
    Link: { $link }
    Code: { $code }
    It can be used { $uses } { $uses ->
        [one] time
       *[other] times
    } within { $days } { $days ->
        [one] day
       *[other] days
    }. Forward the link to the people you invite.

group-go-private = This is better discussed in private — please message me directly.
group-unknown-command = I don't know that command. Message me directly and see /help.
btn-open-private = Message the bot
