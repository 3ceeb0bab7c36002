# Onboarding (/start) and the profile (/profile).

invite-unknown = I can't find this invitation. Check the link or ask your curator for a new one. You can register without an invitation with /start.
invite-expired = This invitation has expired. Ask your curator for a new link.
invite-used-up = Everyone this invitation was meant for has already used it. Ask your curator for a new link.
invite-already-have-role = You already have this role — all good. Your commands are in /help.
invite-expired-meanwhile = The invitation expired while you were filling in the form, so its role was not assigned. Ask your curator for a new link — you won't need to fill in the form again.
start-already-registered = { $name }, we have already met! See /help for what I can do and /profile for your profile.

consent-text = Hello! I am the district's teacher mentoring programme bot.

    Before we start I need your consent to process personal data (Federal Law 152-FZ).

    What I store: your full name, organization, position, subjects, teaching experience, your requests or mentor competences, and the records of your mentoring pair.
    Why: to find you a mentor, keep the bank of mentors and mentees and prepare the reports the mentoring regulation requires.
    Who sees it: the mentoring curator of your organization and the district coordinator. Personal data never goes to group chats.
    How to withdraw: any time with /forget; see what is stored with /mydata.

    Until you agree, I store nothing about you.
btn-consent-yes = I agree
btn-consent-no = I don't agree
consent-use-buttons = Please answer with a button below: "I agree" or "I don't agree" (the consent text is above).
consent-given = Thank you! Your consent is recorded. Let's fill in a short form — it takes a couple of minutes.
consent-declined = All right, I stored nothing. If you change your mind, press /start — or open the invitation link again.

ob-ask-name = What is your name? Please write your surname, first name and patronymic, e.g. Ivanova Maria Petrovna.
ob-ask-org = Which organization do you work at?
ob-no-orgs = No organizations have been added in the district yet, so we can't continue. Please tell the bot's administrator; once organizations exist, press /start and the form continues from here.
ob-ask-position = Your position? For example: primary school teacher.
ob-ask-subjects = Which subjects or areas do you teach? For example: mathematics, computer science.
ob-ask-experience = How many years of teaching experience do you have? Write a number, e.g. 2.
ob-ask-role = How do you want to take part in the programme?
btn-role-mentee = I need a mentor
btn-role-mentor = I want to be a mentor
ob-ask-category = What describes your situation best?
ob-ask-areas = Where do you need support? Tick everything that applies and press "Done".
ob-ask-competences = Where can you help colleagues? Tick your strengths and press "Done".
ob-ask-forms = Which forms of mentoring are you willing to use? Tick them and press "Done".
ob-ask-capacity = How many mentees can you guide at the same time? Usually { $default }. Press a button or write a number up to 10.
ob-ask-other-orgs = Are you willing to help teachers from other organizations of the district (remotely)?
ob-ask-mentor-consent = The last step. Mentoring is voluntary. By pressing the button below you agree to carry out the duties of a mentor under the mentoring regulation; the time of your consent will be recorded.
btn-mentor-consent = I agree to be a mentor
btn-not-now = Not now
ob-use-buttons = Please choose an option with a button — here is the question again.
ob-mentor-later = Your mentor profile is not filled in. When you are ready, open the invitation link again.
ob-done = Done, { $name }! Your form is saved.

err-name-too-long = Too long: the name must be at most 150 characters.
err-name-words = Please write your surname, first name and (if any) patronymic — at least two words.
err-name-letters = A name may contain only letters, hyphens and spaces. For example: Ivanova Maria Petrovna.
err-text-too-short = Too short — please write a bit more.
err-text-too-long = Too long: at most 200 characters.
err-experience-range = Experience must be between 0 and 60 years.
err-experience-number = Please write your experience as a number, e.g. 5.
err-capacity = Please write a number from 1 to 10.

profile-card = Your profile
    Full name: { $name }
    Organization: { $org }
    Position: { $position }
    Subjects: { $subjects }
    Experience: { $experience } { $experience ->
        [one] year
       *[other] years
    }
    Roles: { $roles }
profile-mentee = As a mentee
    Category: { $category }
    Difficulties: { $areas }
profile-mentor = As a mentor
    Competences: { $competences }
    Forms: { $forms }
    Mentees at a time: up to { $capacity }
    Working with other organizations: { $otherorgs }
    Listed in the open district base: { $public }
btn-edit-name = Name
btn-edit-position = Position
btn-edit-subjects = Subjects
btn-edit-experience = Experience
btn-edit-category = Category
btn-edit-areas = Difficulties
btn-edit-competences = Competences
btn-edit-forms = Forms
btn-edit-capacity = How many mentees
btn-toggle-other-orgs = Other organizations: on/off
btn-toggle-public = Open base: on/off
edit-cancel-hint = Changed your mind? Send /cancel.
