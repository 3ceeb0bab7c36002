# school-facts: what an organization states about itself once a school year (/school)

cmd-school = school facts for the district's indicators
sf-which-org = You are a curator in several organizations. Which one's facts do you want to state?
sf-intro = Facts about «{ $org }» for the { $year } school year. The district's shares are computed from them (Table 1 of the municipal model): how many teachers and young teachers are in programmes, how many new heads.
    Now: { $now }
    Answer one message at a time; /cancel keeps everything as it is.
sf-none = nothing stated yet.
sf-not-stated = not stated
sf-was = Stated before: { $value }.
sf-ask-teachers = How many teachers does the organization have? Type a number.
sf-ask-young = How many of them are young teachers — in their first 3 years of work?
sf-ask-heads = How many heads are new to a head's position (no experience as a head)? If none — 0.
sf-ask-regulation = Has the organization adopted its regulation on mentoring? Type the date of the order approving it (dd.mm.yyyy) or «no».
sf-regulation-adopted = adopted on { $date }
sf-regulation-not-adopted = not adopted
sf-summary = { $year }: teachers — { $teachers }, young teachers — { $young }, new heads — { $heads }; regulation on mentoring — { $regulation }.
sf-saved = Saved. { $summary }
    The district's indicators with these facts — in /report.
sf-err-number = A number is needed, e.g. 42.
sf-err-count = The number is too large — please check it.
sf-err-young = There cannot be more young teachers than teachers. How many young teachers?
sf-err-future = That date has not come yet. Type the date the regulation was approved, or «no».
sf-err-regulation = Type a date as dd.mm.yyyy (e.g. 30.08.2025) or «no».
