# Operating the district: the district's name and time zone, organizations (/orgs), statistics for admins.

rem-digest-monthly-named = 📊 { $district }: the district's monthly digest

cmd-orgs = the district's organizations: rename, kind, time zone, merge, remove

og-none = The district has no organizations yet. Add the first one from the command line: nastavnik org add --name "School No. 1" --kind school
og-list-header = The district's organizations ({ $count }):
og-list-hint = Tap an organization to rename it, change its kind or time zone, merge it into another one or remove it.
og-usage = { $people } { $people ->
        [one] person
       *[other] people
    }, { $pairs } { $pairs ->
        [one] pair
       *[other] pairs
    }, { $requests } { $requests ->
        [one] request
       *[other] requests
    }, { $invites } { $invites ->
        [one] invitation
       *[other] invitations
    }, { $chats } { $chats ->
        [one] chat
       *[other] chats
    }, { $practices } { $practices ->
        [one] practice
       *[other] practices
    }
og-card =
    🏫 { $name }
    Kind: { $kind }
    Time zone: { $tz } (it is { $local } there now)
    Curator: { $curator }
    In the organization: { $usage }
og-btn-rename = ✏️ Rename
og-btn-kind = Kind
og-btn-tz = Time zone
og-btn-merge = Merge into…
og-btn-remove = 🗑 Remove
og-btn-list = ◀ To the list
og-btn-back = ◀ Back
og-btn-merge-confirm = Yes, merge
og-btn-remove-confirm = Yes, remove
og-btn-rename-anyway = Rename anyway
og-gone = This organization is gone: it was merged into another one or removed.
og-ask-name = Type the new name for «{ $name }» in one message (/cancel keeps it as it is).
og-bad-name = A name is 1 to 200 characters. Type it again or send /cancel.
og-duplicate = The name «{ $name }» is almost the same as «{ $twin }». If they are one organization, better merge them: otherwise its people and indicators split in two. If it really is another organization, rename anyway.
og-renamed = Done: «{ $old }» is now called «{ $new }».
og-ask-kind = What kind of organization is «{ $name }»?
og-kind-set = Done: the kind is { $kind }.
og-ask-tz = The time zone of «{ $name }» is { $tz }. Choose the new one — reminders and the organization's «today» follow it:
og-tz-set = Done: the time zone is { $tz }. The organization's reminders follow this time.
og-ask-merge = Merge «{ $name }» into which organization? Choose the one that stays: everything of «{ $name }» moves there.
og-merge-nothing = There are no other organizations to merge with.
og-merge-confirm =
    Merge «{ $from }» into «{ $into }»?
    These move from «{ $from }» to «{ $into }»: { $usage }, and roles, resignations and announcements too. «{ $from }» disappears from the list, reports and digests. This cannot be undone.
og-merged = Done: «{ $from }» is merged into «{ $into }». Moved: { $usage }.
og-remove-confirm = Remove «{ $name }»? Nobody and nothing is in it.
og-remove-in-use = «{ $name }» cannot be removed: it has { $usage }. If it is a twin of another organization, merge them — everything moves there.
og-removed = The organization «{ $name }» is removed.

stats-text =
    ⚙️ The bot's state — { $district }
    People: { $people } ({ $mentors } mentors, { $mentees } mentees, { $curators } curators), { $orgs } organizations
    Pairs: { $active } active, { $pairs } in all
    Sent today: { $sent }
    Waiting to be sent: { $backlog }
    Last reminder pass: { $last }
    Database: { $size }
stats-backlog = { $outbox } in the outbox, { $reminders } reminders
stats-never = none yet
