//! `/orgs` buttons (`og`): the district's organizations, managed by the coordinator or an admin.

use super::{Feature, Fields, Ids, Need, Reader};
use crate::domain::orgs::ZONES;
use crate::domain::{OrgKind, Role};

/// Who manages the district's organizations (any of them: the role is the district's).
pub const ORG_MANAGERS: &[Role] = &[Role::Coordinator, Role::Admin];

/// `og:<verb>:<org>[:…]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumCount)]
pub enum OrgsAction {
    /// `og:p:<page>` — a page of the list.
    List(usize),
    /// `og:o:<org>` — the organization's card.
    Open(i64),
    /// `og:rn:<org>` — rename: the new name is typed next.
    Rename(i64),
    /// `og:rf:<org>` — rename anyway, after the warning about a likely twin.
    RenameAnyway(i64),
    /// `og:k:<org>` — choose the kind.
    Kind(i64),
    /// `og:ks:<org>:<kind>` — set the kind.
    SetKind(i64, OrgKind),
    /// `og:z:<org>` — choose the time zone.
    Zone(i64),
    /// `og:zs:<org>:<index in ZONES>` — set the time zone.
    SetZone(i64, usize),
    /// `og:m:<org>:<page>` — choose the organization to merge into.
    Merge(i64, usize),
    /// `og:mi:<org>:<into>` — merging into this one: confirm?
    MergeInto(i64, i64),
    /// `og:mc:<org>:<into>` — merge.
    MergeConfirm(i64, i64),
    /// `og:rm:<org>` — remove: confirm?
    Remove(i64),
    /// `og:rc:<org>` — remove.
    RemoveConfirm(i64),
}

fn page(f: &mut Reader<'_>) -> Option<usize> {
    usize::try_from(f.int()?).ok()
}

impl Feature for OrgsAction {
    const PREFIX: &'static str = "og";

    fn encode_fields(&self, out: &mut Fields) {
        use OrgsAction as O;
        match *self {
            O::List(p) => out.push("p").push(p),
            O::Open(id) => out.push("o").push(id),
            O::Rename(id) => out.push("rn").push(id),
            O::RenameAnyway(id) => out.push("rf").push(id),
            O::Kind(id) => out.push("k").push(id),
            O::SetKind(id, kind) => out.push("ks").push(id).push(kind),
            O::Zone(id) => out.push("z").push(id),
            O::SetZone(id, zone) => out.push("zs").push(id).push(zone),
            O::Merge(id, p) => out.push("m").push(id).push(p),
            O::MergeInto(id, into) => out.push("mi").push(id).push(into),
            O::MergeConfirm(id, into) => out.push("mc").push(id).push(into),
            O::Remove(id) => out.push("rm").push(id),
            O::RemoveConfirm(id) => out.push("rc").push(id),
        };
    }

    fn parse_fields(f: &mut Reader<'_>) -> Option<Self> {
        use OrgsAction as O;
        let verb = f.word()?;
        if verb == "p" {
            return page(f).map(O::List);
        }
        let id = f.int()?;
        Some(match verb {
            "o" => O::Open(id),
            "rn" => O::Rename(id),
            "rf" => O::RenameAnyway(id),
            "k" => O::Kind(id),
            "ks" => O::SetKind(id, OrgKind::from_code(f.word()?)?),
            "z" => O::Zone(id),
            "zs" => O::SetZone(id, page(f).filter(|z| *z < ZONES.len())?),
            "m" => O::Merge(id, page(f)?),
            "mi" => O::MergeInto(id, f.int()?),
            "mc" => O::MergeConfirm(id, f.int()?),
            "rm" => O::Remove(id),
            "rc" => O::RemoveConfirm(id),
            _ => return None,
        })
    }

    fn need(&self) -> Need {
        // the district's role decides, not the organization (which may be gone: the handler
        // then shows the list as it is now)
        Need::Role(ORG_MANAGERS)
    }

    fn name(&self) -> &'static str {
        use OrgsAction as O;
        match self {
            O::List(_) => "orgs.list",
            O::Open(_) => "orgs.open",
            O::Rename(_) => "orgs.rename",
            O::RenameAnyway(_) => "orgs.rename-anyway",
            O::Kind(_) => "orgs.kind",
            O::SetKind(..) => "orgs.set-kind",
            O::Zone(_) => "orgs.zone",
            O::SetZone(..) => "orgs.set-zone",
            O::Merge(..) => "orgs.merge",
            O::MergeInto(..) => "orgs.merge-into",
            O::MergeConfirm(..) => "orgs.merge-confirm",
            O::Remove(_) => "orgs.remove",
            O::RemoveConfirm(_) => "orgs.remove-confirm",
        }
    }

    fn examples(ids: &Ids) -> Vec<Self> {
        use OrgsAction as O;
        let (id, other) = (ids.org, ids.org.wrapping_add(1));
        let mut all = vec![
            O::List(0),
            O::List(usize::MAX >> 1),
            O::Open(id),
            O::Rename(id),
            O::RenameAnyway(id),
            O::Kind(id),
            O::Zone(id),
        ];
        all.extend(OrgKind::ALL.iter().map(|k| O::SetKind(id, *k)));
        all.extend((0..ZONES.len()).map(|z| O::SetZone(id, z)));
        all.extend([
            O::Merge(id, 3),
            O::MergeInto(id, other),
            O::MergeConfirm(id, other),
            O::Remove(id),
            O::RemoveConfirm(id),
        ]);
        all
    }
}
