package demo

import "dspdesk/app"

// Word lists for synthetic data. Names are common English given and family
// names combined at random: no real person is described.
var (
	givenNames = []string{"Sam", "Alex", "Jordan", "Riley", "Casey", "Morgan", "Taylor", "Jamie", "Charlie", "Robin",
		"Priya", "Aisha", "Mohammed", "Yusuf", "Harpreet", "Amara", "Chloe", "Oliver", "Amelia", "Noah", "Isla", "Leo",
		"Freya", "Arjun", "Zara", "Ethan", "Maya", "Kai", "Ruby", "Elijah", "Grace", "Theo", "Poppy", "Ibrahim", "Lily",
		"Reuben", "Hannah", "Daniel", "Sophie", "Joseph", "Ellie", "Finley", "Anaya", "Luca", "Esme", "Rohan", "Mia",
		"Kieran", "Jasmine", "Tomasz", "Zofia", "Chidi", "Adaeze", "Ewan", "Megan", "Callum", "Niamh", "Rhys", "Ffion", "Zoë"}
	familyNames = []string{"Testperson", "Sampleton", "Exampleby", "Demoford", "Fictional", "Placeholder", "Mockridge",
		"Synthwell", "Notreal", "Madeup", "Pretendon", "Trialworth", "Dummett", "Specimen", "Madeleigh", "Imaginary",
		"Instanceton", "Templeby", "Prototon", "Draftwood", "Modelson", "Patternby", "Sketchley", "Outlinebury", "Mockford",
		"Fabler", "Storyfield", "Fictionby", "Inventor", "Shamwell", "O'Sample", "Dé-Example", "Ñotreal"}
	streets = []string{"Example Street, Leicester", "Sample Road, Loughborough", "Test Lane, Hinckley", "Demo Avenue, Oakham",
		"Mock Close, Melton Mowbray", "Placeholder Way, Market Harborough", "Fiction Crescent, Coalville", "Specimen Drive, Wigston"}
	postcodeEnds       = []string{"AA", "AB", "BD", "EX", "QT", "ZZ", "DS", "PD"}
	communicationNeeds = []string{"", "", "Easy read documents; short sentences.", "Uses Makaton; allow extra time.",
		"Prefers written information in advance; no phone calls.", "Needs a quiet room with low lighting.", "Interpreter (Gujarati) for parent."}
	roles         = []string{"Community nurse", "Social worker", "Special educational needs coordinator", "Psychiatrist", "GP", "Keyworker"}
	organisations = []string{"Example NHS Trust", "Example City Council", "Example County Council", "Example Academy Trust", "Example Care Ltd"}
	changes       = []string{"More distressed at home since the change of school.", "Self-injury has increased over six weeks.",
		"Carer reports not sleeping; incidents most nights.", "Placement has given notice.", "Stopped eating with the family; withdrawn."}
	tried = []string{"Positive behaviour support plan reviewed.", "Medication review with GP.", "Extra respite offered.",
		"School timetable reduced.", "Sensory assessment completed."}
	risks = []string{"Risk of placement breakdown.", "Risk of harm to self.", "Carer may not be able to continue caring.",
		"Risk of admission if the crisis continues."}
	hospitals   = []string{"Example Assessment Unit", "Sample Mental Health Hospital", "Demo Adolescent Unit"}
	schools     = []string{"Example Special School", "Sample Primary Academy", "Demo College", "Test High School"}
	places      = []string{"Example House, Leicester (Room 2)", "Video call (link sent by email)", "Sample Centre, Loughborough", "Family home"}
	teamMembers = []string{"Dana Demo", "Kit Keyworker", "Lee Lead", "Nia Navigator"}
	actionTexts = []string{"Refer for a positive behaviour support assessment.", "Arrange a carer's assessment.",
		"Review medication with the psychiatrist.", "Find short-break provision.", "Update the crisis plan and share it.",
		"Agree a reduced school timetable and review it.", "Refer to the intensive support team."}
	gapTexts = []struct {
		category             app.GapCategory
		summary, description string
	}{
		{app.GapShortBreaks, "No short-break beds for autistic young people in the county.",
			"Short breaks were agreed at the MAM but no provider in the county has a bed for an autistic young person with this level of need."},
		{app.GapCrisisOutOfHours, "No out-of-hours crisis support for families.",
			"The family had no one to call after 5pm during two crises last month; both ended with a call to the police."},
		{app.GapDiagnosisWaitingList, "Waiting list for autism assessment is over two years.",
			"The assessment was requested at referral; the service's waiting time is over two years."},
		{app.GapAccommodation, "No suitable supported accommodation available locally.",
			"The placement has given notice and no local supported living provider can meet the person's needs."},
		{app.GapBehaviourSupport, "Positive behaviour support assessment waiting time of six months.",
			"The PBS assessment agreed at the MAM cannot start for six months."},
		{app.GapMentalHealth, "No CAMHS learning disability clinician available.",
			"CAMHS could not offer a clinician with learning disability experience."},
	}
)
