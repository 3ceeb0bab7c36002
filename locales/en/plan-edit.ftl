# plan-edit

## Changing plan items and tasks: “Move the deadline”, “Change”, “Cancel”.

btn-pe-menu = ✏️ Change
btn-pe-menu-item = ✏️ Change: { $title }
btn-pe-deadline = 📅 Move the deadline
btn-pe-title = ✏️ Change the title
btn-pe-cancel = 🗑 Cancel the item
btn-pe-cancel-yes = Yes, cancel
btn-pe-approve = ✅ Agree
btn-pe-reject = Keep it as it was
pe-no-deadline = no deadline
pe-menu = “{ $title }” — deadline: { $deadline }, { $status }.
    What should change? The previous values stay in the history.
pe-menu-mentee = “{ $title }” — deadline: { $deadline }, { $status }.
    You can propose a new deadline or title to your mentor — it applies once they agree.
pe-ask-deadline = The new deadline for “{ $title }” (now: { $deadline })? Type, say, “by Friday”, “in 3 days”, “25.12” — or choose:
pe-ask-deadline-mentee = Which deadline should I propose to your mentor for “{ $title }” (now: { $deadline })? Type, say, “by Friday”, “in 3 days”, “25.12” — or choose:
pe-ask-title = Type the new title instead of “{ $title }”.
pe-ask-cancel = Cancel “{ $title }”? The item stays in the plan as cancelled, and the mentee is told.
pe-change = { $field ->
    [deadline] deadline { $old } → { $new }
    [title] title “{ $old }” → “{ $new }”
   *[status] item cancelled
}{ $state ->
    [proposed] {" "}(proposed, waiting for the mentor)
    [rejected] {" "}(proposal not accepted)
   *[applied] {""}
}
pe-done = Done: “{ $title }” — { $change }. The mentee has been told.
pe-unchanged = Nothing changed: that value is already recorded (or the item is done or cancelled).
pe-told-mentee = ✏️ Your mentor changed the task “{ $title }”: { $change }.
pe-proposed = Your proposal went to your mentor: “{ $title }” — { $change }. I will write when they answer.
pe-ask-mentor = ✏️ { $name } asks to change “{ $title }”: { $change }. Agree?
pe-approved = Agreed: “{ $title }” — { $change }. The mentee has been told.
pe-rejected = Kept as it was: “{ $title }”. The mentee has been told.
pe-approved-mentee = ✅ Your mentor agreed: “{ $title }” — { $change }.
pe-rejected-mentee = Your mentor kept “{ $title }” as it was for now (you proposed: { $change }). Talk it over at your next meeting.
pe-history-line = { $when } · { $who } · “{ $title }”: { $change }

## Onboarding: the difficulties in the mentee's own words, besides the checklist.

ob-ask-difficulty-text = Anything else? Describe in your own words what is hardest for you now (one message). If there is nothing to add, press “Skip”.
btn-skip = Skip
rq-card-difficulty-note = Difficulties in their own words: { $note }
