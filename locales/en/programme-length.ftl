# programme-length

## A programme both sides write: the mentee proposes a new plan item, the mentor decides.

btn-np-propose = ➕ Propose an item
btn-np-no-deadline = No deadline
btn-np-accept = ✅ Accept: { $title }
btn-np-edit = ✏️ Edit
btn-np-reject = Decline
np-deadline = , due { $date }
np-ask-text = What should the programme include? Write the item in one message — e.g. “Attend a colleague's open lesson”. Your mentor gets the proposal and answers.
np-ask-deadline = “{ $title }” — by when? Write e.g. “by Friday”, “in 2 weeks”, “25.12” — or press “No deadline”.
np-deadline-hint = A deadline can be written as “by Friday”, “in 3 days”, “25.12” — or press “No deadline”.
np-sent = The proposal was sent to your mentor: “{ $title }”{ $deadline }. I will write when they answer.
np-ask-mentor = 📝 { $name } proposes a new programme { $kind ->
        [goal] goal
       *[item] item
    }: “{ $title }”{ $deadline }.
    Accept it as it is, edit the text, or decline it (with a reason)?
np-plan-line = ⏳ Proposed: “{ $title }”{ $deadline } — waiting for the mentor
np-ask-edit = Write the item as it should stand in the programme (proposed: “{ $title }”).
np-ask-reason = Why do you decline “{ $title }”? Write briefly — the mentee will read the reason.
np-accepted = Added to the programme: “{ $title }”{ $deadline }. { $name } has been told.
np-rejected = The proposal “{ $title }” was declined. { $name } has been told the reason.
np-accepted-mentee = ✅ { $mentor } accepted your proposal: “{ $title }”{ $deadline } is now a programme item.
np-edited-mentee = ✅ { $mentor } accepted your proposal “{ $title }” with changes: “{ $new }”{ $deadline }.
np-rejected-mentee = { $mentor } declined your proposal “{ $title }”. Reason: { $reason }
np-already = This proposal has already been decided: “{ $title }” — { $state ->
        [accepted] accepted
       *[rejected] declined
    }.
np-history-proposed = { $when } · { $name } · proposed the item “{ $title }”{ $deadline }
np-history-decided = { $when } · { $who } · { $state ->
        [accepted] item “{ $title }” accepted
        [edited] item “{ $title }” accepted with changes: “{ $new }”
       *[rejected] item “{ $title }” declined: { $reason }
    }
pd-plan-proposals = Proposed programme items and the answers to them

## The programme's length: chosen when the pair is formed, changed by agreement.

btn-ln-months = { $months } months
btn-ln-change = 🗓 Programme length
btn-ln-to = { $months } months — until { $end }
ln-curator-choose = The programme runs until { $end } (marked ✓). Choose another length if needed:
ln-curator-choose-other = The programme runs until { $end } (the previous pair's programme goes on). Choose another length if needed:
ln-set-done = Pair #{ $pair }: a { $months }-month programme, until { $end }.
ln-set-told = 🗓 The curator set the programme's length: { $months } months, until { $end }.
ln-already-agreed = The length has already been changed by agreement of both sides — the curator no longer sets it.
ln-ask = The programme runs from { $start } until { $end }. Which length do you propose (3 to 12 months from the start)? The other side has to agree.
ln-requested = The proposal — a { $months }-month programme, until { $end } — was sent. The other side has to agree.
ln-ask-other = { $name } proposes a new programme length: { $months } months from the start, until { $end }. Do you agree?
ln-confirmed = The programme's length is changed by agreement: it now runs until { $end }.
ln-rejected = The new length was not agreed — the programme keeps its dates.
ln-curator-changed = Pair #{ $pair }: the programme's length was changed by agreement — until { $end }.
hist-length = programme length changed: { $from } → { $to }

## Several mentors for one mentee (002 §5.2): the curator adds a second mentor.

btn-sm-add = ➕ Add a second mentor
sm-description = A second mentor for the same mentee (pair #{ $pair } goes on), e.g. a subject mentor and a class-teacher mentor.
sm-already-open = The mentee already has an open request — open it in /requests.
sm-told-mentee = The curator is finding you a second mentor; your work with { $mentor } goes on. When the mentor agrees, I will ask you to confirm.
np-ask-goal = Which goal should the programme have? Write it in one message, e.g. “Learn to keep discipline in the 7th grades”. Your mentor will get the proposal and answer.
btn-np-goal = 🎯 Propose a goal
