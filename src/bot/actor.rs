//! Who is acting: the Telegram user, their record, roles and language.
//! Every handler checks roles and organizations through this.

use super::commands::{Access, CommandSpec};
use super::Ctx;
use crate::domain::Role;
use crate::i18n::Lang;
use crate::repo::users::{self, RoleGrant, User};

#[derive(Debug, Clone)]
pub struct Actor {
    pub tg: i64,
    pub lang: Lang,
    pub user: Option<User>,
    pub roles: Vec<RoleGrant>,
    /// Listed in BOT_ADMINS.
    pub is_admin: bool,
}

impl Actor {
    pub async fn load(ctx: &Ctx, from: &teloxide::types::User) -> sqlx::Result<Actor> {
        let tg = from.id.0 as i64;
        let (mut user, roles) = Self::record(ctx, tg).await?;
        // someone marked unreachable writes again: the bot can reach them now (one write,
        // only in that case)
        if let Some(u) = user.as_mut().filter(|u| u.unreachable_at.is_some()) {
            users::mark_reachable(&ctx.pool, u.id).await?;
            u.unreachable_at = None;
        }
        let chosen = user
            .as_ref()
            .and_then(|u| u.lang.as_deref())
            .and_then(Lang::from_code)
            .or_else(|| ctx.lang_before_consent(tg));
        let lang = Lang::resolve(chosen.map(|l| l.code()), from.language_code.as_deref());
        Ok(Actor {
            tg,
            lang,
            user,
            roles,
            is_admin: ctx.config.is_admin(tg),
        })
    }

    /// Reloads a person by Telegram id (after their record or roles changed).
    pub async fn load_by_tg(ctx: &Ctx, tg: i64, lang: Lang) -> sqlx::Result<Actor> {
        let (user, roles) = Self::record(ctx, tg).await?;
        let lang = user
            .as_ref()
            .and_then(|u| u.lang.as_deref())
            .and_then(Lang::from_code)
            .or_else(|| ctx.lang_before_consent(tg))
            .unwrap_or(lang);
        Ok(Actor {
            tg,
            lang,
            user,
            roles,
            is_admin: ctx.config.is_admin(tg),
        })
    }

    /// The person's record and roles (none for someone the bot has never seen).
    async fn record(ctx: &Ctx, tg: i64) -> sqlx::Result<(Option<User>, Vec<RoleGrant>)> {
        Ok(users::with_roles_by_telegram(&ctx.pool, tg)
            .await?
            .map_or((None, Vec::new()), |(u, r)| (Some(u), r)))
    }

    pub fn is_registered(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.is_registered() && u.has_consent())
    }

    pub fn has_consent(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.has_consent())
    }

    pub fn registered_user(&self) -> Option<&User> {
        self.user
            .as_ref()
            .filter(|u| u.is_registered() && u.has_consent())
    }

    pub fn has(&self, role: Role) -> bool {
        (role == Role::Admin && self.is_admin) || self.roles.iter().any(|g| g.role == role)
    }

    /// Organizations where the actor holds `role`.
    pub fn orgs_for(&self, role: Role) -> Vec<i64> {
        self.roles
            .iter()
            .filter(|g| g.role == role)
            .filter_map(|g| g.org_id)
            .collect()
    }

    /// Every role held, sorted, admins included.
    pub fn role_set(&self) -> Vec<Role> {
        let mut roles: Vec<Role> = self.roles.iter().map(|g| g.role).collect();
        if self.is_admin {
            roles.push(Role::Admin);
        }
        roles.sort();
        roles.dedup();
        roles
    }

    pub fn may(&self, spec: &CommandSpec) -> bool {
        match spec.access {
            Access::Anyone => true,
            Access::Registered => self.is_registered(),
            // role-bound commands also need a completed registration (consent first),
            // except for technical admins from BOT_ADMINS
            Access::Roles(roles) => {
                roles.iter().any(|r| self.has(*r)) && (self.is_registered() || self.is_admin)
            }
        }
    }

    /// The person's record id while they hold the mentor role. A pair's mentor side acts only
    /// through this: pair membership alone is not enough, so the old buttons of a mentor whose
    /// role was revoked change nothing.
    pub fn as_mentor(&self) -> Option<i64> {
        self.registered_user()
            .filter(|_| self.has(Role::Mentor))
            .map(|u| u.id)
    }

    /// The person's record id while they hold the mentee role (see [`Self::as_mentor`]).
    pub fn as_mentee(&self) -> Option<i64> {
        self.registered_user()
            .filter(|_| self.has(Role::Mentee))
            .map(|u| u.id)
    }

    /// Whether the actor is `mentor_id` and still a mentor.
    pub fn is_mentor_of(&self, mentor_id: i64) -> bool {
        self.as_mentor() == Some(mentor_id)
    }

    /// Whether the actor is one of `mentees` and still a mentee.
    pub fn is_mentee_in(&self, mentees: &[i64]) -> bool {
        self.as_mentee().is_some_and(|me| mentees.contains(&me))
    }

    /// The signature of what the command menu depends on.
    pub fn menu_signature(&self) -> String {
        let roles: Vec<&str> = self.role_set().iter().map(|r| r.code()).collect();
        format!("{}:{}", self.lang.code(), roles.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bot::commands::{find, COMMANDS};

    fn actor(roles: &[Role], registered: bool, is_admin: bool) -> Actor {
        let now = chrono::Utc::now();
        let user = User {
            id: 1,
            telegram_id: Some(10),
            lang: None,
            consent_at: registered.then_some(now),
            full_name: None,
            org_id: Some(1),
            position: None,
            subjects: None,
            experience_years: None,
            registered_at: registered.then_some(now),
            unreachable_at: None,
            menu_roles: None,
        };
        Actor {
            tg: 10,
            lang: Lang::Ru,
            user: Some(user),
            roles: roles
                .iter()
                .map(|&role| RoleGrant {
                    role,
                    org_id: Some(1),
                })
                .collect(),
            is_admin,
        }
    }

    #[test]
    fn command_access() {
        let mentee = actor(&[Role::Mentee], true, false);
        let curator = actor(&[Role::Curator], true, false);
        let unregistered_curator = actor(&[Role::Curator], false, false);
        let admin = actor(&[], false, true);
        let invite = find("invite").unwrap();
        assert!(!mentee.may(invite));
        assert!(curator.may(invite));
        assert!(
            !unregistered_curator.may(invite),
            "consent comes before any role work"
        );
        assert!(admin.may(invite));
        assert!(!admin.may(find("profile").unwrap()));
        for c in COMMANDS.iter().filter(|c| c.access == Access::Anyone) {
            assert!(actor(&[], false, false).may(c));
        }
        assert_eq!(admin.role_set(), vec![Role::Admin]);
        assert_ne!(mentee.menu_signature(), curator.menu_signature());
    }
}
