/*
 * demo_locallife.c: local life in the demo: a dozen associations in
 * Haarby and Glamsbjerg (football, gymnastics, scouts, a seniors' club, a
 * women's sewing café, a chess club, a homework café, ...) with their
 * weekly meetings, some described in Arabic and Ukrainian too; events in
 * the coming weeks; practical pages in Danish and Arabic (the doctor's
 * page also in Ukrainian); and welcome offers from two locals, one of
 * them accepted by Amina, a newcomer, after a few messages. Invented for
 * the demo; the Arabic and Ukrainian texts have not been read by a
 * native speaker yet.
 */
#include <stdio.h>
#include <string.h>

#include "cmd/demo.h"
#include "core/tz.h"
#include "model/association.h"
#include "model/leisure.h"
#include "model/offer.h"
#include "model/practical.h"
#include "model/role.h"

const struct demo_person demo_local_people[DEMO_LOCAL_PEOPLE] = {
	{ "lise@demo.example", "Lise Holm", "local in Haarby (welcome offers; represents Haarby Boldklub)" },
	{ "jens@demo.example", "Jens Kristensen", "local in Glamsbjerg (welcome offers)" },
	{ "oleh@demo.example", "Oleh Kovalenko", "newcomer from Ukraine in Glamsbjerg" },
};
enum { LISE, JENS, OLEH };

enum place { HAARBY, GLAMSBJERG, NYE_NABOER, GLAMSBJERG_IF };

struct demo_association {
	enum place where; /* the area, or an organisation that exists */
	const char *name, *description;
	enum category category;
	const char *languages;
	int64_t fee_kr;
	enum fee_per fee_per;
	int fritidspas, step_free, age_min, age_max;
	const char *contact;
	struct meeting meetings[4];
	const char *arabic, *ukrainian; /* versions of the description, or NULL */
};

#define M(day, h1, m1, h2, m2, where, doing)                                                   \
	{ .weekday = (day), .starts_min = (h1) * 60 + (m1), .ends_min = (h2) * 60 + (m2),       \
	  .place = (where), .what = (doing) }

static const struct demo_association associations[] = {
	{ HAARBY, "Haarby Boldklub",
	  "Fodbold for børn og unge i Haarby. De første tre træninger er gratis, og kontingentet kan "
	  "betales med fritidspas. Flere af trænerne taler arabisk og engelsk. Kom til en åben "
	  "træning og prøv!",
	  CATEGORY_SPORT, "da ar en", 450, FEE_HALF_YEAR, 1, 1, 4, 16, "Lise Holm",
	  { M(2, 16, 30, 18, 0, "Haarby Stadion", "U8–U10"), M(4, 17, 0, 18, 30, "Haarby Stadion", "U11–U13"),
	    M(6, 10, 0, 11, 0, "Haarby Stadion", "Fodboldleg for de mindste (4–6 år)") },
	  "نادي كرة القدم في هاربي للأطفال والشباب. التدريبات الثلاثة الأولى مجانية، ويمكن دفع "
	  "الاشتراك ببطاقة أنشطة وقت الفراغ (fritidspas) من البلدية. بعض المدربين يتحدثون "
	  "العربية والإنجليزية. تعالوا إلى تدريب مفتوح وجرّبوا!",
	  NULL },
	{ HAARBY, "Haarby Gymnastikforening",
	  "Gymnastik for hele familien: forældre og barn om mandagen, motionsgymnastik for voksne om "
	  "onsdagen. Ingen forkundskaber nødvendige.",
	  CATEGORY_SPORT, "da en", 600, FEE_HALF_YEAR, 1, 1, -1, -1, "Bent Sørensen",
	  { M(1, 17, 0, 18, 0, "Haarby Hallen", "Forældre og barn (1–4 år)"),
	    M(3, 19, 0, 20, 30, "Haarby Hallen", "Motionsgymnastik for voksne") },
	  NULL, NULL },
	{ HAARBY, "KFUM-Spejderne i Haarby",
	  "Bål, knob, kanoer og ture i skoven. Vi mødes hver onsdag, og en gang om måneden tager vi "
	  "på tur i weekenden.",
	  CATEGORY_SCOUTS, "da", 350, FEE_HALF_YEAR, 1, 0, 6, 17, "Mette Juhl",
	  { M(3, 18, 0, 20, 0, "Spejderhytten ved Haarby Skov", "Ulve og juniorer") },
	  NULL, NULL },
	{ HAARBY, "Haarby Seniorklub",
	  "Kaffe, kortspil, sang og gåture for seniorer. Alle over 60 er velkomne, og man kan bare "
	  "dukke op.",
	  CATEGORY_SENIORS, "da", 100, FEE_YEAR, 0, 1, 60, -1, "Inge Rasmussen",
	  { M(1, 10, 0, 12, 0, "Seniorhuset, Haarby", "Kaffe og kortspil"),
	    M(4, 14, 0, 16, 0, "Seniorhuset, Haarby", "Gåtur og kaffe") },
	  NULL, NULL },
	{ HAARBY, "Kvindernes Syværksted",
	  "Et syværksted for kvinder på Haarby Bibliotek. Vi syr sammen, drikker kaffe og taler dansk "
	  "i roligt tempo. Symaskiner og stof er der. Det er gratis, og små børn må gerne komme med.",
	  CATEGORY_CRAFTS, "da ar fa so", 0, FEE_YEAR, 0, 1, 16, -1, "Hiba Nasser",
	  { M(2, 17, 0, 19, 30, "Haarby Bibliotek", "Syning, kaffe og dansk") },
	  "ورشة خياطة للنساء في مكتبة هاربي. نخيط معًا ونشرب القهوة ونتحدث الدنماركية بهدوء. "
	  "ماكينات الخياطة والأقمشة متوفرة. المشاركة مجانية، ويمكن إحضار الأطفال الصغار.",
	  NULL },
	{ HAARBY, "Haarby Skakklub",
	  "Skak for alle fra 8 år, begyndere og øvede. Vi har brædder og ure, og der er altid "
	  "nogen at spille med.",
	  CATEGORY_GAMES, "da en uk", 300, FEE_YEAR, 1, 1, 8, -1, "Poul Mikkelsen",
	  { M(3, 19, 0, 22, 0, "Haarby Bibliotek", "Klubaften") },
	  NULL,
	  "Шаховий клуб для всіх віком від 8 років, і для початківців, і для досвідчених гравців. "
	  "У нас є дошки та годинники, і завжди є з ким зіграти." },
	{ NYE_NABOER, NULL,
	  "Borgere i Haarby, der inviterer nye naboer med til fællesspisning, sport og arbejdsdage i "
	  "børnehaven. Fællesspisningen om fredagen er for alle; tag gerne en ret med.",
	  CATEGORY_SOCIAL, "da ar uk en", 0, FEE_YEAR, 0, 1, -1, -1, "Karen Vestergaard",
	  { M(5, 17, 30, 20, 0, "Haarby Kulturhus", "Fællesspisning") },
	  "مواطنون في هاربي يدعون جيرانهم الجدد إلى العشاء المشترك والرياضة وأيام العمل في "
	  "الروضة. العشاء المشترك يوم الجمعة مفتوح للجميع، ويمكنكم إحضار طبق معكم.",
	  NULL },
	{ GLAMSBJERG_IF, NULL,
	  "Fodbold, håndbold og løb for alle aldre i Glamsbjerg. Kontingentet kan betales med "
	  "fritidspas.",
	  CATEGORY_SPORT, "da en", 500, FEE_HALF_YEAR, 1, 1, 5, -1, "Morten Lund",
	  { M(1, 16, 30, 18, 0, "Glamsbjerg Idrætscenter", "Håndbold U10"),
	    M(2, 17, 0, 18, 30, "Glamsbjerg Stadion", "Fodbold U12"),
	    M(7, 10, 0, 11, 30, "Glamsbjerg Idrætscenter", "Løbeklub for voksne") },
	  NULL, NULL },
	{ GLAMSBJERG, "Glamsbjerg Svømmeklub",
	  "Svømmeskole for børn og svømning for voksne. Om lørdagen er der svømning kun for kvinder "
	  "med kvindelige instruktører.",
	  CATEGORY_SPORT, "da ar", 700, FEE_HALF_YEAR, 1, 1, 5, -1, "Susanne Bach",
	  { M(4, 16, 0, 17, 0, "Glamsbjerg Svømmehal", "Svømmeskole"),
	    M(6, 9, 0, 10, 0, "Glamsbjerg Svømmehal", "Svømning for kvinder") },
	  NULL, NULL },
	{ GLAMSBJERG, "Glamsbjerg Børnekor",
	  "Vi synger sammen hver onsdag efter skole i kirkens sognehus. Det er gratis, og man skal "
	  "ikke kunne noder.",
	  CATEGORY_MUSIC, "da", 0, FEE_YEAR, 0, 1, 8, 14, "Anne Bruun",
	  { M(3, 16, 30, 17, 30, "Glamsbjerg Sognehus", "Børnekor") },
	  NULL, NULL },
	{ GLAMSBJERG, "Lektiecafé Glamsbjerg",
	  "Gratis hjælp til lektier og dansk for børn og unge, med frivillige fra Røde Kors. Man "
	  "skal ikke melde sig til; kom bare.",
	  CATEGORY_LANGUAGE, "da ar uk en", 0, FEE_YEAR, 0, 1, 6, 18, "Birgit Hansen",
	  { M(2, 15, 0, 17, 0, "Glamsbjerg Bibliotek", "Lektiehjælp"),
	    M(4, 15, 0, 17, 0, "Glamsbjerg Bibliotek", "Lektiehjælp og dansk") },
	  "مساعدة مجانية في الواجبات المدرسية واللغة الدنماركية للأطفال والشباب، مع متطوعين من "
	  "الصليب الأحمر. لا حاجة إلى التسجيل، تعالوا فقط.",
	  "Безкоштовна допомога з домашніми завданнями та данською мовою для дітей і молоді, з "
	  "волонтерами Червоного Хреста. Реєструватися не потрібно, просто приходьте." },
	{ GLAMSBJERG, "Glamsbjerg Ungdomsklub",
	  "Et sted at være for unge fra 13 til 17 år: bordtennis, musik, madlavning og ture. Der er "
	  "altid voksne til stede.",
	  CATEGORY_YOUTH, "da en", 0, FEE_YEAR, 0, 1, 13, 17, "Rasmus Lind",
	  { M(1, 18, 0, 21, 30, "Glamsbjerg Ungdomsklub", "Åben klub"),
	    M(3, 18, 0, 21, 30, "Glamsbjerg Ungdomsklub", "Åben klub") },
	  NULL, NULL },
};

struct demo_event {
	const char *association;
	enum leisure_kind kind;
	const char *title, *description, *place;
	int days, hh, mm, minutes;
};

static const struct demo_event events[] = {
	{ "Haarby Boldklub", LEISURE_OPEN_TRAINING, "Åben træning for nye spillere",
	  "Kom og prøv fodbold sammen med os. Tag tøj på, man kan bevæge sig i, og en vandflaske.",
	  "Haarby Stadion", 5, 16, 30, 90 },
	{ "Haarby Gymnastikforening", LEISURE_OPEN_HOUSE, "Åbent hus i hallen",
	  "Prøv gymnastik, trampolin og redskaber for hele familien.", "Haarby Hallen", 12, 10, 0, 180 },
	{ "KFUM-Spejderne i Haarby", LEISURE_OPEN_HOUSE, "Bål og snobrød: prøv at være spejder",
	  "Vi tænder bål, bager snobrød og viser, hvad spejdere laver.", "Spejderhytten ved Haarby Skov",
	  9, 14, 0, 120 },
	{ "Haarby Netværk for Nye Naboer", LEISURE_EVENT, "Fællesspisning for nye og gamle naboer",
	  "Vi spiser sammen og lærer hinanden at kende. Tag gerne en ret med fra dit land.",
	  "Haarby Kulturhus", 8, 17, 30, 150 },
	{ "Glamsbjerg Idrætsforening", LEISURE_EVENT, "Løbetur for alle",
	  "5 km i roligt tempo rundt om Glamsbjerg. Alle kan være med.", "Glamsbjerg Idrætscenter", 6, 10,
	  0, 60 },
	{ "Lektiecafé Glamsbjerg", LEISURE_OPEN_HOUSE, "Åbent hus i lektiecaféen",
	  "Mød de frivillige og se, hvordan lektiecaféen foregår. Forældre er også velkomne.",
	  "Glamsbjerg Bibliotek", 3, 15, 0, 120 },
};

struct demo_page {
	enum place where; /* HAARBY, GLAMSBJERG, or NYE_NABOER for the whole municipality */
	enum topic topic;
	const char *title, *body;
	const char *ar_title, *ar_body;
};

static const char doctor_da[] =
	"Alle i Danmark har deres egen praktiserende læge. Du finder navnet på din læge på det gule "
	"sundhedskort eller i appen Min Sundhed.\n\n"
	"- **Bestil tid**: Ring til din læge på hverdage om morgenen, oftest mellem kl. 8 og 9. Har du "
	"boet i Danmark i under tre år, er tolkning gratis; sig, at du har brug for tolk, når du "
	"bestiller tid.\n"
	"- **Uden for åbningstid** (aften, nat og weekend): Ring til Lægevagten på 70 11 07 07.\n"
	"- **Ved livsfare**: Ring 112.\n\n"
	"Det er gratis at gå til lægen.";
static const char doctor_ar[] =
	"لكل شخص في الدنمارك طبيب عام خاص به. تجد اسم طبيبك على البطاقة الصحية الصفراء أو في "
	"تطبيق Min Sundhed.\n\n"
	"- **لحجز موعد**: اتصل بطبيبك في أيام العمل صباحًا، وغالبًا بين الساعة 8 و9. إذا كنت تعيش "
	"في الدنمارك منذ أقل من ثلاث سنوات، فالترجمة مجانية؛ قل إنك تحتاج إلى مترجم عندما تحجز "
	"الموعد.\n"
	"- **خارج أوقات العمل** (في المساء والليل وعطلة نهاية الأسبوع): اتصل بطبيب المناوبة "
	"(Lægevagten) على الرقم 70 11 07 07.\n"
	"- **في حالة الخطر على الحياة**: اتصل بالرقم 112.\n\n"
	"زيارة الطبيب مجانية.";
static const char doctor_uk[] =
	"Кожна людина в Данії має свого сімейного лікаря. Ім'я вашого лікаря вказане на жовтій "
	"медичній картці або в застосунку Min Sundhed.\n\n"
	"- **Записатися на прийом**: телефонуйте своєму лікареві в робочі дні зранку, найчастіше між "
	"8 і 9 годиною. Якщо ви живете в Данії менше трьох років, перекладач безкоштовний; скажіть, "
	"що вам потрібен перекладач, коли записуєтеся.\n"
	"- **Поза робочими годинами** (увечері, вночі та у вихідні): телефонуйте черговому лікареві "
	"(Lægevagten) за номером 70 11 07 07.\n"
	"- **Якщо життя в небезпеці**: телефонуйте 112.\n\n"
	"Відвідування лікаря безкоштовне.";

static const struct demo_page pages[] = {
	{ HAARBY, TOPIC_DOCTOR, "Læge i Haarby", doctor_da, "الطبيب في هاربي", doctor_ar },
	{ NYE_NABOER, TOPIC_WASTE, "Affaldssortering i Assens Kommune",
	  "I Assens Kommune sorterer vi affaldet hjemme. Hvert hus har spande til:\n\n"
	  "- **Madaffald** (i de grønne poser)\n"
	  "- **Restaffald**\n"
	  "- **Papir og pap**\n"
	  "- **Plast, metal og mad- og drikkekartoner**\n"
	  "- **Glas**\n\n"
	  "Farligt affald, som batterier og maling, må ikke i spandene: aflever det på "
	  "genbrugspladsen. Store ting, som møbler, kører du også til genbrugspladsen; det er gratis "
	  "for borgere.",
	  "فرز النفايات في بلدية أسنس",
	  "في بلدية أسنس نفرز النفايات في البيت. لكل بيت حاويات من أجل:\n\n"
	  "- **بقايا الطعام** (في الأكياس الخضراء)\n"
	  "- **النفايات المتبقية**\n"
	  "- **الورق والكرتون**\n"
	  "- **البلاستيك والمعادن وعلب الطعام والمشروبات الكرتونية**\n"
	  "- **الزجاج**\n\n"
	  "النفايات الخطرة، مثل البطاريات والطلاء، لا توضع في الحاويات، بل تُسلَّم إلى مركز إعادة "
	  "التدوير (genbrugsplads). والأشياء الكبيرة، مثل الأثاث، تأخذها أيضًا إلى مركز إعادة "
	  "التدوير، وذلك مجانًا للسكان." },
	{ NYE_NABOER, TOPIC_CITIZEN_SERVICE, "Borgerservice",
	  "Borgerservice hjælper med sundhedskort, pas, kørekort, MitID, flytning og Digital Post.\n\n"
	  "**Borgerservice i Assens**, Rådhus Allé 5, 5610 Assens\n\n"
	  "- Mandag–onsdag kl. 10–14\n"
	  "- Torsdag kl. 10–17\n"
	  "- Fredag kl. 10–13\n\n"
	  "Bestil tid på forhånd, så venter du ikke. Tag dit sundhedskort og dit pas eller din "
	  "opholdstilladelse med.",
	  "خدمة المواطنين (Borgerservice)",
	  "تساعدك خدمة المواطنين في الحصول على البطاقة الصحية وجواز السفر ورخصة القيادة وMitID، "
	  "وفي تسجيل الانتقال إلى عنوان جديد، وفي البريد الرقمي (Digital Post).\n\n"
	  "**خدمة المواطنين في أسنس**، Rådhus Allé 5, 5610 Assens\n\n"
	  "- من الاثنين إلى الأربعاء: من الساعة 10 إلى الساعة 14\n"
	  "- الخميس: من الساعة 10 إلى الساعة 17\n"
	  "- الجمعة: من الساعة 10 إلى الساعة 13\n\n"
	  "احجز موعدًا مسبقًا حتى لا تنتظر. أحضر معك البطاقة الصحية وجواز السفر أو تصريح الإقامة." },
	{ HAARBY, TOPIC_LIBRARY, "Haarby Bibliotek",
	  "På biblioteket kan du låne bøger, lydbøger og film gratis, også bøger på arabisk, ukrainsk "
	  "og let dansk. Du kan bruge computer og printer, og der er lektiehjælp.\n\n"
	  "Med dit sundhedskort og en pinkode kan du komme ind hver dag kl. 7–22, også når der ikke "
	  "er personale. Spørg personalet om en pinkode.\n\n"
	  "Lånerkortet er gratis.",
	  "مكتبة هاربي",
	  "في المكتبة يمكنك استعارة الكتب والكتب الصوتية والأفلام مجانًا، ومنها كتب بالعربية "
	  "والأوكرانية وكتب بالدنماركية السهلة. ويمكنك استخدام الحاسوب والطابعة، وهناك مساعدة في "
	  "الواجبات المدرسية.\n\n"
	  "بالبطاقة الصحية ورمز سري (pinkode) يمكنك الدخول كل يوم من الساعة 7 صباحًا حتى الساعة "
	  "10 مساءً، حتى عندما لا يكون الموظفون موجودين. اطلب الرمز السري من موظفي المكتبة.\n\n"
	  "بطاقة الاستعارة مجانية." },
	{ HAARBY, TOPIC_CHILDCARE, "Børnehave og skole i Haarby",
	  "Børn under 6 år kan gå i vuggestue eller børnehave. Du søger plads hos Pladsanvisningen i "
	  "Assens Kommune på assens.dk. Det koster en månedlig betaling, og du kan søge om tilskud, "
	  "hvis du har en lav indkomst.\n\n"
	  "Alle børn i Danmark skal gå i skole, fra de er 6 år (børnehaveklasse). Haarby Skole har "
	  "klasser fra børnehaveklasse til 9. klasse og en SFO efter skoletid.\n\n"
	  "Kontakt skolen, når I flytter til Haarby, så finder I sammen den rette klasse.",
	  "الروضة والمدرسة في هاربي",
	  "يمكن للأطفال دون سن السادسة الذهاب إلى الحضانة (vuggestue) أو الروضة (børnehave). تقدّم "
	  "طلب الحصول على مكان عن طريق قسم توزيع الأماكن (Pladsanvisningen) في بلدية أسنس على "
	  "موقع assens.dk. هناك رسوم شهرية، ويمكنك طلب دعم إذا كان دخلك منخفضًا.\n\n"
	  "يجب على كل الأطفال في الدنمارك الذهاب إلى المدرسة ابتداءً من سن السادسة (الصف "
	  "التمهيدي). في مدرسة هاربي صفوف من الصف التمهيدي حتى الصف التاسع، وهناك نادٍ للأطفال "
	  "(SFO) بعد الدوام المدرسي.\n\n"
	  "تواصل مع المدرسة عندما تنتقل إلى هاربي، وستجدون معًا الصف المناسب لطفلك." },
	{ HAARBY, TOPIC_TRANSPORT, "Bus og tog fra Haarby",
	  "Busser kører fra Haarby til blandt andet Assens og Odense. Du køber billet i appen FynBus "
	  "eller betaler med Rejsekort. Der er ingen togstation i Haarby; den nærmeste er i Aarup.\n\n"
	  "Mange cykler i Haarby. Husk lys på cyklen, når det er mørkt: det er lovpligtigt.",
	  "الحافلات والقطارات من هاربي",
	  "تسير الحافلات من هاربي إلى أسنس وأودنسه وأماكن أخرى. تشتري التذكرة في تطبيق FynBus أو "
	  "تدفع ببطاقة Rejsekort. لا توجد محطة قطار في هاربي، وأقرب محطة في آروب (Aarup).\n\n"
	  "كثير من الناس يتنقلون بالدراجة في هاربي. تذكّر أن تشغّل أضواء الدراجة عندما يحلّ "
	  "الظلام، فهذا إلزامي بحكم القانون." },
	{ GLAMSBJERG, TOPIC_SHOPS, "Indkøb i Glamsbjerg",
	  "I midtbyen i Glamsbjerg ligger flere supermarkeder, de fleste åbne alle dage kl. 7–22. "
	  "Der er også en bager, et apotek og en genbrugsbutik, hvor du kan købe brugt tøj og møbler "
	  "billigt.\n\n"
	  "Halalkød kan du finde i supermarkedernes køledisk og i specialbutikker i Odense.",
	  "التسوق في غلامسبيرغ",
	  "في وسط غلامسبيرغ عدة متاجر كبيرة (سوبرماركت)، ومعظمها مفتوح كل يوم من الساعة 7 صباحًا "
	  "حتى الساعة 10 مساءً. وهناك أيضًا مخبز وصيدلية ومتجر للأغراض المستعملة يمكنك فيه شراء "
	  "الملابس والأثاث المستعمل بسعر رخيص.\n\n"
	  "يمكنك أن تجد اللحم الحلال في ثلاجات المتاجر الكبيرة وفي المتاجر المتخصصة في أودنسه." },
};

struct demo_offer {
	int host;          /* demo_local_people index */
	enum place where;  /* HAARBY or GLAMSBJERG */
	int for_club;      /* offered for Haarby Boldklub */
	const char *title, *body;
	int from_day, to_day;
	const char *at_time, *languages;
	int places;
	const char *ar_title, *ar_body;
};

static const struct demo_offer offers[] = {
	{ LISE, HAARBY, 1, "Løb med os om tirsdagen",
	  "Vi løber 5 km i roligt tempo, og alle kan være med, uanset form. Vi mødes ved Haarby "
	  "Stadion. Tag løbesko og en vandflaske med. Bagefter drikker vi kaffe sammen.",
	  0, 60, "17:00", "da en", 6, "اركضوا معنا أيام الثلاثاء",
	  "نركض مسافة خمسة كيلومترات بوتيرة هادئة، ويمكن للجميع المشاركة مهما كانت لياقتهم. نلتقي "
	  "عند ملعب هاربي. أحضروا حذاءً رياضيًا وزجاجة ماء. بعد الجري نشرب القهوة معًا." },
	{ LISE, HAARBY, 0, "Aftensmad hos os",
	  "Vi er en familie i Haarby med to børn, og vi vil gerne lære vores nye naboer at kende. Kom "
	  "og spis aftensmad med os. Vi laver enkel dansk mad; sig til, hvis der er noget, I ikke "
	  "spiser. Adressen får I, når vi har aftalt det.",
	  10, 10, "18:00", "da en", 5, "عشاء في بيتنا",
	  "نحن عائلة من هاربي لدينا طفلان، ونحب أن نتعرف على جيراننا الجدد. تعالوا لتناول العشاء "
	  "معنا. نطبخ طعامًا دنماركيًا بسيطًا، فأخبرونا إذا كان هناك طعام لا تأكلونه. سنعطيكم "
	  "العنوان عندما نتفق." },
	{ JENS, GLAMSBJERG, 0, "Hjælp til cyklen",
	  "Jeg fikser cykler i min garage om lørdagen: punktering, lys, bremser og kæde. Kom forbi med "
	  "din cykel, så laver vi den sammen, og du lærer, hvordan man gør.",
	  0, 45, "10:00", "da de en", 5, NULL, NULL },
	{ JENS, GLAMSBJERG, 0, "Kom med til arbejdsdag i børnehaven",
	  "Vi maler legehuset og planter bær i Glamsbjerg Børnehus. Der er frokost til alle, og "
	  "børnene må gerne komme med. En god måde at møde andre forældre på.",
	  14, 14, "09:00", "da", 6, NULL, NULL },
};

/* An association of the table, or -1. */
static int64_t association_named(const int64_t *ids, const char *name)
{
	for (size_t i = 0; i < sizeof associations / sizeof associations[0]; i++)
		if (associations[i].name && strcmp(associations[i].name, name) == 0)
			return ids[i];
	return -1;
}

static int load_associations(struct store *db, struct region *a, const struct demo_local_refs *refs,
			     int64_t *ids)
{
	for (size_t i = 0; i < sizeof associations / sizeof associations[0]; i++) {
		const struct demo_association *d = &associations[i];
		struct association x = {
			.category = d->category, .languages = d->languages, .fee_kr = d->fee_kr,
			.fee_per = d->fee_per, .fritidspas = d->fritidspas, .step_free = d->step_free,
			.age_min = d->age_min, .age_max = d->age_max, .contact_name = d->contact,
			.contact_email = "", .contact_phone = "", .meetings = (struct meeting *)d->meetings,
		};
		while (x.nmeetings < 4 && d->meetings[x.nmeetings].weekday)
			x.nmeetings++;
		if (d->where == NYE_NABOER || d->where == GLAMSBJERG_IF) {
			int64_t org = d->where == NYE_NABOER ? refs->nye_naboer : refs->glamsbjerg_if;
			if (organisation_get(db, a, org, &x.org) != MODEL_OK)
				return -1;
		} else {
			x.org = (struct organisation){ .name = d->name, .sector = SECTOR_VOLUNTARY,
						       .area_id = d->where == HAARBY ? refs->haarby : refs->glamsbjerg,
						       .lang = "da" };
		}
		x.org.description = d->description;
		struct field_errors errs = { .n = 0 };
		if (association_save(db, &x, 0, &ids[i], &errs) != MODEL_OK)
			return -1;
		const struct version v[] = { { "ar", "", d->arabic, 0 }, { "uk", "", d->ukrainian, 0 } };
		for (size_t k = 0; k < 2; k++)
			if (v[k].body && version_put(db, &association_versions, ids[i], "da", &v[k], 0, &errs) != MODEL_OK)
				return -1;
	}
	return 0;
}

static int load_events(struct store *db, const int64_t *ids, const int64_t *orgs)
{
	for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) {
		const struct demo_event *d = &events[i];
		int64_t org = association_named(ids, d->association);
		if (org < 0)
			org = strcmp(d->association, "Haarby Netværk for Nye Naboer") == 0 ? orgs[0] : orgs[1];
		int64_t start = demo_in_days(d->days, d->hh, d->mm);
		struct leisure_event e = { .organisation_id = org, .kind = d->kind, .title = d->title,
					   .description = d->description, .starts_at = start,
					   .ends_at = start + d->minutes * 60, .place = d->place, .lang = "da" };
		struct field_errors errs = { .n = 0 };
		int64_t id;
		if (leisure_save(db, &e, 0, &id, &errs) != MODEL_OK)
			return -1;
	}
	return 0;
}

static int load_pages(struct store *db, const struct demo_local_refs *refs)
{
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		const struct demo_page *d = &pages[i];
		struct practical_page p = { .area_id = d->where == HAARBY       ? refs->haarby
						       : d->where == GLAMSBJERG ? refs->glamsbjerg
										: 0,
					    .topic = d->topic, .title = d->title, .body = d->body, .lang = "da" };
		struct field_errors errs = { .n = 0 };
		int64_t id;
		const struct version ar = { "ar", d->ar_title, d->ar_body, 0 };
		if (practical_save(db, &p, refs->staff, &id, &errs) != MODEL_OK ||
		    version_put(db, &practical_versions, id, "da", &ar, refs->staff, &errs) != MODEL_OK)
			return -1;
		if (d->body == doctor_da) {
			const struct version uk = { "uk", "Лікар у Гаарбю", doctor_uk, 0 };
			if (version_put(db, &practical_versions, id, "da", &uk, refs->staff, &errs) != MODEL_OK)
				return -1;
		}
	}
	return 0;
}

/* The offers; Amina answers the dinner, writes with Lise, who says yes;
 * Oleh asks Jens about his bike. */
static int load_offers(struct store *db, const struct demo_local_refs *refs, const int64_t people[],
		       int64_t club)
{
	int64_t ids[sizeof offers / sizeof offers[0]];
	for (size_t i = 0; i < sizeof offers / sizeof offers[0]; i++) {
		const struct demo_offer *d = &offers[i];
		struct tz_local from, to;
		tz_from_utc(demo_in_days(d->from_day, 12, 0), &from);
		tz_from_utc(demo_in_days(d->to_day, 12, 0), &to);
		char starts[16], ends[16];
		snprintf(starts, sizeof starts, "%04u-%02u-%02u", (unsigned)from.year % 10000u,
			 (unsigned)from.month % 100u, (unsigned)from.day % 100u);
		snprintf(ends, sizeof ends, "%04u-%02u-%02u", (unsigned)to.year % 10000u, (unsigned)to.month % 100u,
			 (unsigned)to.day % 100u);
		struct offer o = { .author_id = people[d->host], .organisation_id = d->for_club ? club : 0,
				   .area_id = d->where == HAARBY ? refs->haarby : refs->glamsbjerg,
				   .title = d->title, .body = d->body, .lang = "da", .starts_on = starts,
				   .ends_on = ends, .at_time = d->at_time, .languages = d->languages,
				   .places = d->places };
		struct field_errors errs = { .n = 0 };
		if (offer_save(db, &o, &ids[i], &errs) != MODEL_OK)
			return -1;
		const struct version ar = { "ar", d->ar_title, d->ar_body, 0 };
		if (d->ar_title && version_put(db, &offer_versions, ids[i], "da", &ar, people[d->host], &errs) != MODEL_OK)
			return -1;
	}
	struct field_errors errs = { .n = 0 };
	int64_t dinner, bike;
	if (offer_answer_create(db, ids[1], refs->newcomer, "", CONSENT_SELF, 4, "amina@demo.example",
				"Hej Lise! Jeg hedder Amina og bor i Haarby med min mand og vores to børn. Vi "
				"vil meget gerne komme. Vi spiser ikke svinekød.",
				&dinner, &errs) != MODEL_OK ||
	    offer_message_add(db, dinner, people[LISE],
			      "Hvor dejligt! Vi laver kylling og ris. Vi glæder os til at møde jer.", &errs) != MODEL_OK ||
	    offer_answer_accept(db, dinner, "lise@demo.example", &errs) != MODEL_OK ||
	    offer_message_add(db, dinner, refs->newcomer, "Tak! Vi tager en kage med.", &errs) != MODEL_OK ||
	    offer_answer_create(db, ids[2], people[OLEH], "", CONSENT_SELF, 1, "",
				"Добрий день! У мене проколоте колесо на велосипеді. Чи можу я прийти в "
				"суботу? I speak a little English.",
				&bike, &errs) != MODEL_OK)
		return -1;
	return 0;
}

int demo_local_life_load(struct store *db, struct region *a, const struct demo_local_refs *refs)
{
	int64_t people[DEMO_LOCAL_PEOPLE];
	static const char *const langs[DEMO_LOCAL_PEOPLE] = { "da", "da", "en" };
	for (int i = 0; i < DEMO_LOCAL_PEOPLE; i++)
		if (demo_person_create(db, a, &demo_local_people[i], langs[i], &people[i]) != 0)
			return -1;
	int64_t ids[sizeof associations / sizeof associations[0]];
	const int64_t orgs[] = { refs->nye_naboer, refs->glamsbjerg_if };
	if (load_associations(db, a, refs, ids) != 0 || load_events(db, ids, orgs) != 0 ||
	    load_pages(db, refs) != 0)
		return -1;
	int64_t club = association_named(ids, "Haarby Boldklub");
	struct field_errors errs = { .n = 0 };
	if (role_grant(db, people[LISE], ROLE_REPRESENTATIVE, SCOPE_ORGANISATION, club, 0, "demo", &errs) !=
	    MODEL_OK)
		return -1;
	return load_offers(db, refs, people, club);
}
