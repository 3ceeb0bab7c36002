# Names of the closed vocabularies (domain::catalog).

role-mentee = mentee
role-mentor = mentor
role-curator = curator
role-head = head of the organization
role-coordinator = district coordinator
role-admin = administrator

org-kind-school = school
org-kind-kindergarten = kindergarten
org-kind-additional = additional education centre
org-kind-college = college

category-young = Young teacher (first 3 years)
category-returning = Returning after a long break
category-newcomer = New in the staff
category-growth = Want to grow in a specific area
category-ict = Want to master ICT and digital tools
category-burnout = Professional or emotional burnout
category-nonped = Non-pedagogical education
category-trainee = Student or trainee under contract
category-other = Another difficulty

area-subject = Subject content
area-methods = Teaching methods
area-upbringing = Upbringing and pastoral work
area-organization = Lessons and extracurricular activities
area-psychology = Psychological and pedagogical support
area-parents = Working with parents
area-addedu = Links with additional education
area-legal = Regulations and legal matters
area-ict = ICT and digital skills
area-health = Health and wellbeing
area-adaptation = Fitting into the staff

form-traditional = Traditional (one to one)
form-group = Group
form-shortterm = Short-term, scheduled meetings
form-situational = Situational (help on request)
form-flash = Flash (a single meeting)
form-reverse = Reverse
form-virtual = Virtual (remote)
