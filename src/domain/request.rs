//! The lifecycle of a mentee's request for a mentor (запрос на наставника), including a
//! request that comes from an approved petition for replacement (ходатайство о замене).
//!
//! ```text
//! Open ──propose──▶ Proposed ──mentor accepts──▶ Accepted ──mentee confirms──▶ Matched
//!  ▲                   │  │                         │
//!  └──mentor declines──┘  └─curator withdraws/      └─mentee declines──▶ Open
//!                           re-proposes (Open)
//! Open/Proposed/Accepted ──curator rejects──▶ Rejected;  ──mentee withdraws──▶ Withdrawn
//! ```

use serde::{Deserialize, Serialize};

code_enum! {
    /// A mentor proposed for a request (предложение наставника): the mentor accepts or
    /// declines, the curator may withdraw it, and the mentee confirms or refuses the accepted one.
    pub enum ProposalStatus {
        Pending => "pending",
        Accepted => "accepted",
        Declined => "declined",
        Withdrawn => "withdrawn",
        Confirmed => "confirmed",
        Refused => "refused",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RequestStatus {
    /// Waiting for the curator to propose a mentor.
    Open,
    /// A mentor was proposed and has not answered yet.
    Proposed,
    /// The mentor accepted; waiting for the mentee's confirmation.
    Accepted,
    /// A pair was formed (final).
    Matched,
    /// The curator rejected the request with a reason (final).
    Rejected,
    /// The mentee withdrew it (final).
    Withdrawn,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 6] = [
        RequestStatus::Open,
        RequestStatus::Proposed,
        RequestStatus::Accepted,
        RequestStatus::Matched,
        RequestStatus::Rejected,
        RequestStatus::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RequestStatus::Open => "open",
            RequestStatus::Proposed => "proposed",
            RequestStatus::Accepted => "accepted",
            RequestStatus::Matched => "matched",
            RequestStatus::Rejected => "rejected",
            RequestStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.code() == s)
    }

    pub fn is_final(self) -> bool {
        matches!(
            self,
            RequestStatus::Matched | RequestStatus::Rejected | RequestStatus::Withdrawn
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestEvent {
    /// The curator proposes a mentor (also replaces an unanswered proposal).
    Propose,
    MentorAccepts,
    MentorDeclines,
    /// The curator or the system withdraws the pending proposal (e.g. the mentor resigned).
    ProposalWithdrawn,
    MenteeConfirms,
    MenteeDeclines,
    CuratorRejects,
    MenteeWithdraws,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("event {event:?} is not allowed when the request is {from:?}")]
pub struct IllegalTransition {
    pub from: RequestStatus,
    pub event: RequestEvent,
}

/// The one place that says which request transitions are legal.
pub fn apply(from: RequestStatus, event: RequestEvent) -> Result<RequestStatus, IllegalTransition> {
    use RequestEvent as E;
    use RequestStatus as S;
    let to = match (from, event) {
        (S::Open | S::Proposed, E::Propose) => S::Proposed,
        (S::Proposed, E::MentorAccepts) => S::Accepted,
        (S::Proposed, E::MentorDeclines) => S::Open,
        (S::Proposed | S::Accepted, E::ProposalWithdrawn) => S::Open,
        (S::Accepted, E::MenteeConfirms) => S::Matched,
        (S::Accepted, E::MenteeDeclines) => S::Open,
        (S::Open | S::Proposed | S::Accepted, E::CuratorRejects) => S::Rejected,
        (S::Open | S::Proposed | S::Accepted, E::MenteeWithdraws) => S::Withdrawn,
        _ => return Err(IllegalTransition { from, event }),
    };
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use RequestEvent as E;
    use RequestStatus as S;

    const EVENTS: [RequestEvent; 8] = [
        E::Propose,
        E::MentorAccepts,
        E::MentorDeclines,
        E::ProposalWithdrawn,
        E::MenteeConfirms,
        E::MenteeDeclines,
        E::CuratorRejects,
        E::MenteeWithdraws,
    ];

    #[test]
    fn every_legal_transition() {
        let legal = [
            (S::Open, E::Propose, S::Proposed),
            (S::Proposed, E::Propose, S::Proposed),
            (S::Proposed, E::MentorAccepts, S::Accepted),
            (S::Proposed, E::MentorDeclines, S::Open),
            (S::Proposed, E::ProposalWithdrawn, S::Open),
            (S::Accepted, E::ProposalWithdrawn, S::Open),
            (S::Accepted, E::MenteeConfirms, S::Matched),
            (S::Accepted, E::MenteeDeclines, S::Open),
            (S::Open, E::CuratorRejects, S::Rejected),
            (S::Proposed, E::CuratorRejects, S::Rejected),
            (S::Accepted, E::CuratorRejects, S::Rejected),
            (S::Open, E::MenteeWithdraws, S::Withdrawn),
            (S::Proposed, E::MenteeWithdraws, S::Withdrawn),
            (S::Accepted, E::MenteeWithdraws, S::Withdrawn),
        ];
        for (from, ev, to) in legal {
            assert_eq!(apply(from, ev), Ok(to), "{from:?} + {ev:?}");
        }
        // everything else is refused
        let mut refused = 0;
        for from in S::ALL {
            for ev in EVENTS {
                if !legal.iter().any(|(f, e, _)| *f == from && *e == ev) {
                    assert_eq!(apply(from, ev), Err(IllegalTransition { from, event: ev }));
                    refused += 1;
                }
            }
        }
        assert_eq!(refused, 6 * 8 - legal.len());
    }

    #[test]
    fn final_states_accept_nothing() {
        for from in S::ALL.into_iter().filter(|s| s.is_final()) {
            for ev in EVENTS {
                assert!(apply(from, ev).is_err());
            }
        }
    }

    #[test]
    fn codes_round_trip() {
        for s in S::ALL {
            assert_eq!(S::from_code(s.code()), Some(s));
        }
    }

    proptest! {
        /// Any sequence of events: refused events change nothing, and once final, always final.
        #[test]
        fn random_sequences(events in proptest::collection::vec(0usize..8, 0..40)) {
            let mut state = S::Open;
            let mut was_final = false;
            for i in events {
                let before = state;
                match apply(state, EVENTS[i]) {
                    Ok(next) => state = next,
                    Err(e) => { prop_assert_eq!(e.from, before); }
                }
                if was_final { prop_assert_eq!(state, before); }
                was_final = state.is_final();
            }
        }
    }
}
