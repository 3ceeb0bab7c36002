# Requests for a mentor, proposals, pairs, petitions, resignations (/request, /requests, /pair…).

cmd-request = ask for a mentor
cmd-replace = ask to replace my mentor
cmd-pair = my pair: dates, extension, ending
cmd-resign = resign as a mentor
cmd-requests = requests, petitions and statements
cmd-pairs = pairs of my organization
cmd-history = history of pair changes

btn-withdraw = Withdraw the request
btn-accept = Accept
btn-decline = Decline
btn-approve = Approve
btn-reject = Reject
btn-confirm = Confirm
btn-confirm-pair = I confirm
btn-refuse-pair = Not suitable
btn-propose = { $n }. Propose: { $name }
btn-propose-group = { $n }. Into the group
btn-reject-request = Reject the request
btn-to-list = ◀ Back to the list
btn-open-request = Open the request
btn-open-pair = Open the pair
btn-pair-extend = Extend
btn-pair-end = End
btn-pair-order = Order
btn-pair-history = History
btn-extend-months = +{ $months } mo.

rq-status-open = waiting for a mentor to be found
rq-status-proposed = a mentor has been asked
rq-status-accepted = the mentor agreed, waiting for the mentee's confirmation
rq-status-accepted-mentee = the mentor agreed, waiting for your confirmation
rq-status-matched = the pair is formed
rq-status-rejected = rejected
rq-status-withdrawn = withdrawn
rq-kind-new = new request
rq-kind-replacement = mentor replacement
rq-kind-rematch = the mentor resigned
rq-form-unknown = I don't know, let the curator suggest

rq-ask-areas = What do you need a mentor's help with? Tick the topics (I ticked the ones from your profile) and press "Done".
rq-ask-description = Briefly describe the difficulty — it helps the curator find the right mentor. For example: "I can't keep discipline in class 7B in the afternoon lessons".
rq-description-short = Please write a bit more — at least one sentence.
rq-description-long = Too long: { $len } characters, up to { $max } allowed. Please shorten it.
rq-ask-form = Which form of mentoring suits you best?
rq-ask-wish = Is there a mentor you would like to work with?
rq-wish-pick = Choose from the bank of mentors
rq-wish-none = No preference
rq-ask-wish-pick = Choose a mentor — the curator will take your wish into account:
rq-wish-empty = There are no free mentors right now; the curator will choose.
rq-created = Request no. { $id } has been sent to the curator. I will write as soon as there is a mentor. See the status any time with /request.
rq-already-open = You already have an open request — see its status with /request.
rq-already-paired = You already have a mentor. To replace them use /replace; to see your pair use /pair.
rq-mentee-status = Request no. { $id }: { $status }.
    Topics: { $areas }
    Form: { $form }
rq-mentee-waiting-you = Mentor { $mentor } is ready to work with you — please confirm in the message above.
rq-withdrawn = Request no. { $id } withdrawn. If you need one later — /request.

inbox-empty = No new requests, petitions or statements.
inbox-header = Waiting for your decision: { $count }.
inbox-petition = Replacement petition · { $name }
inbox-resignation = Resignation · { $name }

rq-curator-new = A new request for a mentor.
rq-curator-replacement = The petition was approved — please find a new mentor (the previous one is excluded).
rq-curator-rematch = The mentor resigned — please find a new mentor.
rq-curator-mentee-refused = The mentee did not confirm the proposed mentor — please propose another.
rq-curator-withdrawn = The mentee withdrew request no. { $id }.
rq-curator-mentor-accepted = Request no. { $id }: mentor { $mentor } agreed. Waiting for the mentee's confirmation.
rq-curator-mentor-declined = Request no. { $id }: mentor { $mentor } declined ({ $reason }). Please propose another.
rq-curator-pair-formed = Pair no. { $pair } is formed: { $name } starts working with the mentor. Don't forget to add the order's number and date.

rq-card = Request no. { $id } ({ $kind })
    Who: { $name }, { $position }, { $experience } { $experience ->
        [one] year
       *[other] years
    } of experience
    Category: { $category }
    Topics: { $areas }
    Description: { $description }
    Form: { $form }
    Status: { $status }
rq-card-wish = Wish: mentor { $mentor }
rq-card-proposed = Proposed to mentor { $mentor }, waiting for the answer.
rq-card-accepted = Mentor { $mentor } agreed, waiting for the mentee's confirmation.
rq-suggestions = Suitable mentors:
rq-no-suggestions = There are no suitable free mentors right now. «All mentors of the school» shows everyone (and why someone is not suggested). Invite mentors (/invite) or ask colleagues from other schools to open their profile to remote work.
rq-reason-overlap = { $overlap } of { $total } { $total ->
    [one] topic
   *[other] topics
} match
rq-reason-free = { $free } free { $free ->
    [one] place
   *[other] places
}
rq-reason-same-org = your organization
rq-reason-other-org = another organization, remotely
rq-reason-wished = chosen by the mentee
rq-mentor-unavailable = This mentor is not available now (no places, or they declined). Please choose another.
rq-proposed-sent = The proposal was sent to the mentor.
rq-ask-reject-reason = Write the reason for rejecting request no. { $id } — the mentee will see it.
rq-rejected-curator = Request no. { $id } rejected; the mentee has been told.
rq-rejected-mentee = The curator rejected your request. Reason: { $reason }. If needed, create a new one — /request.
ask-reject-reason = Write the reason — the person will see it.
reason-length = Please write 2 to 500 characters.

rq-proposal = The curator proposes that you become a mentor.
    Mentee: { $name } ({ $org })
    Category: { $category }
    Topics: { $areas }
    Difficulty: { $description }
    Form: { $form }
    Taking part is voluntary — you may decline.
rq-proposal-group = The curator proposes adding one more mentee to your group.
    Mentee: { $name } ({ $org })
    Category: { $category }
    Topics: { $areas }
    Difficulty: { $description }
    Form: { $form }
    Taking part is voluntary — you may decline.
rq-ask-decline-reason = Why do you decline? It helps the curator.
rq-decline-busy = No time
rq-decline-profile = Not my field
rq-decline-other = Another reason
rq-mentor-accepted = Thank you! You agreed to mentor { $name }. The mentee still has to confirm — I will let you know.
rq-mentor-declined = Understood, your answer is recorded. The curator will find another mentor.
rq-mentor-proposal-withdrawn = The proposal to mentor has been cancelled — nothing to do.
rq-mentee-confirm = Good news: mentor { $mentor } is ready to work with you. Confirm, and the pair starts working.
rq-mentee-refused = All right, the curator will find another mentor.
rq-pair-formed-mentee = The pair is formed! Your mentor is { $mentor }. Programme: { $start } to { $end }. Details — /pair.
rq-pair-formed-mentor = The pair is formed: your mentee is { $name }. Programme: { $start } to { $end }. Details — /pair.
rq-pair-joined-mentor = A mentee joined your group: { $name }. Details — /pair.
rq-already-done = This is already done — no need to repeat it.
rq-mentor-full = The mentor has no free places left. The curator will propose someone else.

pairs-none = You have no active pair yet. Mentees — /request.
pairs-none-org = There are no active pairs in your organization yet.
pairs-choose = Pairs: { $count }. Choose one:
pair-card = Pair no. { $id }
    Mentor: { $mentor }
    Mentee: { $mentees }
    Organization: { $org }
    Form: { $forms }
    Programme: { $start } to { $end }
    Order: { $order }
    Status: { $status }
pair-card-group = Group no. { $id }
    Mentor: { $mentor }
    Mentees: { $mentees }
    Organization: { $org }
    Form: { $forms }
    Programme: { $start } to { $end }
    Order: { $order }
    Status: { $status }
pair-active = active
pair-order = no. { $number } of { $date }
pair-no-order = not given
pair-ask-order = Write the order's number and date, e.g.: No. 01-12/45 of 02.09.2026 or 45 of 2.9.26
pair-order-saved = Order no. { $number } of { $date } recorded.
pair-ask-end-reason = Why is the programme ending?
pair-end-requested = Your request to end the programme was sent to the curator for confirmation.
pair-change-pending = Another request for this pair is waiting for a decision. Please wait for the answer.
pair-curator-end-request = Pair no. { $pair }: { $name } asks to end the programme. Reason: { $reason }.
pair-end-confirmed = The programme has ended. Thank you for your work!
pair-end-rejected = The curator decided to continue the programme.
pair-ended = Pair no. { $id } ended: { $reason }.
pair-ended-party = The curator ended the mentoring programme: { $reason }.
pair-ask-extension = The programme runs until { $end }. Extend by how much?
pair-extension-requested = The proposal to extend until { $end } was sent — the other side has to agree.
pair-extension-ask-other = { $name } proposes extending the programme until { $end }. Do you agree?
pair-extension-confirmed = The programme is extended until { $end }.
pair-extension-rejected = The extension was not agreed — the programme keeps its dates.
pair-curator-extended = Pair no. { $pair }: the programme is extended until { $end } by mutual consent.
pair-history-header = History of pair no. { $id }:
history-header = Recent changes of pairs:
history-empty = No changes yet.
history-system = the bot

end-reason-completed = the plan is completed in full
end-reason-mentor = on the mentor's initiative
end-reason-mentee = on the mentee's initiative
end-reason-mutual = by mutual consent
end-reason-improper = curator's decision: the programme is not carried out properly
end-reason-replacement = mentor replacement
end-reason-resigned = the mentor resigned
end-reason-completed-short = Plan completed
end-reason-mentor-short = On my initiative
end-reason-mentee-short = On my initiative
end-reason-mutual-short = By mutual consent
end-reason-improper-short = Not carried out
end-reason-replacement-short = Mentor replacement
end-reason-resigned-short = Resignation
# in reports: third person, whose initiative
end-reason-completed-report = plan completed in full
end-reason-mentor-report = at the mentor's initiative
end-reason-mentee-report = at the mentee's initiative
end-reason-mutual-report = at the initiative of both (mutual consent)
end-reason-improper-report = by the curator's decision (the programme was not carried out properly)
end-reason-replacement-report = mentor replaced
end-reason-resigned-report = the mentor resigned

pt-no-pair = You have no active pair, so there is no one to replace. To find a mentor — /request.
pt-ask-reason = Petition to replace your mentor ({ $mentor }). Only the curator and the head will see it — the mentor will not know. What happened?
pt-reason-incompatible = We don't get along
pt-reason-unavailable = The mentor is unavailable
pt-reason-competence = I need another competence
pt-reason-other = Other
pt-ask-text = Please explain in a few words — it helps the curator.
pt-filed = Your petition was sent to the curator. I will tell you the decision.
pt-already = Your petition is already being considered.
pt-curator = Petition to replace a mentor.
    Mentee: { $name }
    Mentor: { $mentor }
    Reason: { $reason }
    Explanation: { $text }
    The mentor does not know about it.
pt-deciding = Decision made.
pt-approved-curator = Petition approved: the pair is closed with the reason "mentor replacement", and a new search without the previous mentor has started.
pt-rejected-curator = Petition rejected; the mentee has been told.
pt-approved-mentee = Your petition was approved. The curator will find a new mentor — I will write.
pt-rejected-mentee = The curator did not approve the replacement. Reason: { $reason }.
pt-mentor-pair-closed = Your pair has ended. Thank you for your work!
pt-mentor-group-left = Your group has changed: one of the mentees no longer works in it. Thank you for your work!

rs-ask-reason = Statement of resignation as a mentor. Write the reason — the curator and the head will see it. Changed your mind? /cancel.
rs-filed = Your statement was sent to the curator. Until they decide, you remain a mentor.
rs-already = Your statement is already being considered.
rs-curator = Statement of resignation as a mentor.
    Mentor: { $name }
    Reason: { $reason }
    If approved, { $gender ->
        [f] her
        [m] his
       *[other] their
    } mentees will be matched with new mentors.
rs-approved-curator = Statement approved: the pairs are closed and new matching has started for the mentees.
rs-rejected-curator = Statement rejected; the mentor has been told.
rs-approved-mentor = The curator accepted your statement. Thank you for working with colleagues!
rs-rejected-mentor = The curator asks you to continue for now. Reason: { $reason }.
rs-mentee-informed = Unfortunately, your mentor can no longer continue the programme. This is not about you. The curator is already looking for a new mentor — I will write as soon as one is found.
