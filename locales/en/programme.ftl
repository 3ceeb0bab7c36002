## The pair's programme as teachers live it (issue 21): proposals waiting in /pair.

pairs-none-mentor = You have no active pair yet. When the curator proposes a mentee to you, the proposal comes here — and waits for your answer in /pair.
pr-proposals-waiting = { $count ->
        [one] { $count } proposal to become a mentor is waiting for your answer:
       *[other] { $count } proposals to become a mentor are waiting for your answer:
    }

## No dead ends for the curator: every mentor of the school, with why one is not suggested.

btn-all-mentors = All mentors of the school
btn-back-to-request = ◀ Back to the request
rq-all-header = Request no. { $id }: all mentors of your school and those open to remote work — { $count }. Those without a button cannot be proposed (the reason is given).
rq-all-none = Nobody can be proposed for request no. { $id }: the bank has no mentors of your organization, and nobody from others is open to remote work. Invite mentors — /invite.
rq-why-excluded = not suggested: declined this request or being replaced — may be proposed again
rq-why-full = not suggested: no free places ({ $load } of { $capacity }) — the mentor can add places in /profile
rq-why-inactive = not suggested: the mentor's profile is paused

## Requests without a mentor stay in every digest, with their age.

digest-waiting = • waiting for a mentor: { $count } { $count ->
        [one] request
       *[other] requests
    }, the oldest for { $days } { $days ->
        [one] day
       *[other] days
    }

rem-request-unmatched = ⏳ { $org }: request no. { $request } has been waiting for a mentor for { $days } { $days ->
        [one] day
       *[other] days
    } — nobody has been proposed. The school may need help with matching (e.g. a mentor of another school).
