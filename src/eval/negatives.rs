//! Realistic non-listed names: people from many cultures and scripts, and companies.
//!
//! The tables are compact lists of common, plausible names. They deliberately include tokens
//! that also appear on sanctions lists (Mohammed, Ali, Kim, Lee, Park, Ivanov, Wang, ...),
//! because real applicants carry them. A generated name whose Name-class token multiset equals
//! a listed name's is a true name hit, not a false positive, and is left out (see
//! [`NameKeys`]).

use std::collections::HashSet;

use serde::Serialize;

use super::rng::Rng;
use crate::normalize::{normalize, TokenClass};

/// Whether a negative is a person or a company.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// A natural person.
    Person,
    /// A company.
    Company,
}

impl Party {
    /// `person` or `company`.
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Person => "person",
            Party::Company => "company",
        }
    }
}

/// One non-listed name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Negative {
    /// The name as an applicant would type it.
    pub name: String,
    /// Culture (and script) label, e.g. `arabic_script`, `company_de`.
    pub culture: &'static str,
    /// Person or company.
    pub party: Party,
}

/// How a person's name is put together.
#[derive(Clone, Copy, Debug)]
enum Shape {
    /// `Given [Given2] Surname`, a second given name with the given probability.
    Western(f64),
    /// `Given Surname1 Surname2` (Hispanic two surnames; sometimes only one).
    Hispanic,
    /// `Given Patronymic Surname` or `Given Surname` (patronymic derived from a given name).
    Slavic,
    /// `Given Father [Family]` with an optional `Al` family article.
    Arabic,
    /// `Surname Given` written without a space (Han, Hangul).
    EastAsianScript,
    /// `Given Surname` or `Surname Given`.
    EitherOrder,
    /// `Surname Middle Given` (Vietnamese).
    Vietnamese,
    /// A single name or two given names (Indonesian).
    Indonesian,
}

struct Culture {
    label: &'static str,
    given: &'static str,
    surnames: &'static str,
    shape: Shape,
}

const CULTURES: &[Culture] = &[
    Culture {
        label: "english",
        given: "James John Robert Michael William David Richard Joseph Thomas Charles Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Emily Olivia Emma Jack Harry George Oliver Daniel Matthew Andrew Laura Rachel Megan Ryan Kevin Brian",
        surnames: "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin Jackson Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams Baker Campbell Mitchell Roberts Carter Phillips Evans Turner Parker Collins Edwards Stewart Morris Murphy Cook Rogers Morgan Cooper Peterson Reed Bailey Bell Kelly Howard Ward Cox Richardson Wood Watson Brooks Bennett Gray Hughes Price Sanders Myers Long Ross Foster Lee",
        shape: Shape::Western(0.3),
    },
    Culture {
        label: "hispanic",
        given: "José Juan Luis Carlos Jorge Miguel Pedro Alejandro Fernando Ricardo Javier Diego Sergio Pablo Andrés María Carmen Ana Lucía Isabel Sofía Valentina Camila Gabriela Daniela Paula Elena Rosa Marta Raúl Manuel Antonio Francisco",
        surnames: "García Rodríguez Martínez Hernández López González Pérez Sánchez Ramírez Torres Flores Rivera Gómez Díaz Reyes Morales Cruz Ortiz Gutiérrez Chávez Ramos Ruiz Álvarez Castillo Jiménez Moreno Romero Herrera Medina Aguilar Vargas Castro Mendoza Guerrero Delgado Navarro Rojas Suárez Molina",
        shape: Shape::Hispanic,
    },
    Culture {
        label: "portuguese",
        given: "João António Manuel Francisco Pedro Tiago Rui Nuno Paulo Bruno Lucas Gabriel Rafael Maria Ana Beatriz Mariana Inês Juliana Fernanda Larissa Luana Leonor Carolina Marcos Thiago Gustavo Rodrigo",
        surnames: "Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Sousa Fernandes Gonçalves Gomes Lopes Marques Alves Almeida Ribeiro Pinto Carvalho Teixeira Moreira Correia Mendes Nunes Soares Vieira Monteiro Cardoso Rocha Barbosa Araújo Cavalcanti",
        shape: Shape::Western(0.4),
    },
    Culture {
        label: "french",
        given: "Jean Pierre Michel Philippe Alain Nicolas Christophe Sébastien Julien Antoine Thomas Hugo Louis Théo Marie Nathalie Isabelle Sylvie Camille Léa Chloé Manon Élodie Céline Aurélie Margaux Amélie François Benoît Olivier",
        surnames: "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel",
        shape: Shape::Western(0.3),
    },
    Culture {
        label: "german",
        given: "Hans Peter Klaus Jürgen Wolfgang Thomas Andreas Stefan Michael Lukas Jonas Leon Felix Maximilian Paul Anna Ursula Monika Sabine Petra Julia Katharina Lena Lea Hannah Johanna Jörg Dieter Uwe Günter",
        surnames: "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber",
        shape: Shape::Western(0.3),
    },
    Culture {
        label: "italian",
        given: "Giuseppe Giovanni Antonio Mario Luigi Francesco Angelo Vincenzo Pietro Salvatore Marco Luca Matteo Alessandro Lorenzo Andrea Maria Anna Giulia Francesca Chiara Sara Martina Giorgia Alessia Federica Paola Roberta",
        surnames: "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti De Luca Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli Martini Leone Longo Gentile Martinelli Vitale",
        shape: Shape::Western(0.2),
    },
    Culture {
        label: "slavic",
        given: "Ivan Dmitry Sergei Alexander Andrei Alexei Mikhail Nikolai Vladimir Pavel Oleg Igor Yuri Maxim Artem Denis Anton Olga Tatiana Elena Natalia Irina Svetlana Anna Maria Ekaterina Yulia Anastasia Piotr Tomasz Krzysztof Jan Pavol Milan Bogdan Taras",
        surnames: "Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov Alekseev Lebedev Semenov Egorov Pavlov Kozlov Stepanov Nikolaev Orlov Andreev Makarov Nikitin Zakharov Zaitsev Solovyov Borisov Yakovlev Grigoriev Romanov Kowalski Nowak Wiśniewski Wójcik Novák Horvat Kovalenko Shevchenko Bondarenko Melnyk Tkachenko",
        shape: Shape::Slavic,
    },
    Culture {
        label: "slavic_cyrillic",
        given: "Иван Дмитрий Сергей Александр Андрей Алексей Михаил Николай Владимир Павел Олег Игорь Юрий Максим Артём Денис Антон Ольга Татьяна Елена Наталья Ирина Светлана Анна Мария Екатерина Юлия Анастасия Богдан Тарас",
        surnames: "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Коваленко Шевченко Бондаренко Мельник Ткаченко",
        shape: Shape::Slavic,
    },
    Culture {
        label: "arabic",
        given: "Mohammed Muhammad Ahmed Ali Omar Mahmoud Mustafa Khaled Hassan Hussein Ibrahim Youssef Abdullah Said Tariq Karim Samir Nabil Rami Fadi Sami Walid Fatima Aisha Mariam Noor Layla Huda Rania Salma Yasmin Zainab Amal Hala Dina",
        surnames: "Haddad Khoury Nasser Saleh Mansour Hamdan Darwish Khalil Aziz Hamid Rahman Saeed Barakat Habib Jaber Sabbagh Najjar Masri Shami Tamimi Qureshi Farouk Suleiman Othman Kassem Bakr Ghanem Hijazi Abboud Zidan Shalabi Ayoub Said Ali Hassan",
        shape: Shape::Arabic,
    },
    Culture {
        label: "arabic_script",
        given: "محمد أحمد علي عمر محمود مصطفى خالد حسن حسين إبراهيم يوسف عبدالله سعيد طارق كريم سمير نبيل فاطمة عائشة مريم نور ليلى هدى رانيا سلمى ياسمين زينب",
        surnames: "حداد خوري ناصر صالح منصور حمدان درويش خليل عزيز حميد رحمن سعيد بركات حبيب جابر صباغ نجار مصري شامي تميمي فاروق سليمان عثمان قاسم غانم حجازي عبود زيدان أيوب",
        shape: Shape::Arabic,
    },
    Culture {
        label: "persian",
        given: "Ali Reza Mohammad Hossein Mehdi Amir Hamid Saeed Majid Behrouz Dariush Farhad Kourosh Babak Arash Navid Omid Parisa Shirin Maryam Fatemeh Zahra Leila Niloufar Roya Sara Nasrin Azadeh Golnaz",
        surnames: "Mohammadi Hosseini Ahmadi Rezaei Moradi Karimi Jafari Rahimi Hashemi Mousavi Sadeghi Ghorbani Salehi Kazemi Heidari Rostami Bagheri Amini Nazari Zamani Ebrahimi Azizi Tehrani Shirazi Esfahani Farahani Najafi Yazdani Rahmani Kamali",
        shape: Shape::Western(0.15),
    },
    Culture {
        label: "turkish",
        given: "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Emre Burak Can Kerem Fatma Ayşe Emine Hatice Zeynep Elif Merve Büşra Esra Selin Deniz Ece Cem Serkan Oğuz",
        surnames: "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Korkmaz Erdoğan Güneş Akın Aksoy Tekin Ateş Bulut Karaca",
        shape: Shape::Western(0.15),
    },
    Culture {
        label: "south_asian",
        given: "Rahul Amit Rajesh Suresh Vijay Sanjay Anil Sunil Arjun Rohan Vikram Karan Aditya Ravi Deepak Manoj Priya Pooja Neha Anjali Sunita Kavita Divya Shreya Ananya Lakshmi Imran Faisal Bilal Asif Ayesha Sana Farhan Usman Abdul",
        surnames: "Sharma Verma Gupta Singh Kumar Patel Shah Mehta Joshi Reddy Rao Nair Iyer Menon Pillai Das Bose Chatterjee Banerjee Mukherjee Agarwal Jain Kapoor Malhotra Khanna Chopra Desai Kulkarni Khan Ahmed Hussain Qureshi Chaudhry Malik Siddiqui Rahman Hossain Perera Fernando",
        shape: Shape::Western(0.2),
    },
    Culture {
        label: "chinese",
        given: "Wei Fang Min Jing Li Hui Yan Lei Jun Ping Hong Ying Jie Tao Hao Yu Xin Yang Bo Chen Qiang Lin Mei Xiaoming Jianguo Zhiwei Xiaoling Haoran Yuxuan Zihan Jiahui Shuang Tingting Wenjie Guoqiang",
        surnames: "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Cai Jiang Du",
        shape: Shape::EitherOrder,
    },
    Culture {
        label: "chinese_han",
        given: "伟 芳 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 建华 志强 晓明 俊杰 子涵 欣怡 浩然 雨轩 佳怡",
        surnames: "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 韩 冯 邓 曹 彭",
        shape: Shape::EastAsianScript,
    },
    Culture {
        label: "japanese",
        given: "Hiroshi Takashi Kenji Yuki Haruto Sota Ren Daiki Kaito Takumi Shota Ryo Kazuki Naoki Yusuke Akira Yui Aoi Hina Sakura Yuna Mei Haruka Misaki Ayaka Nanami Yoko Keiko Tomoko Emi",
        surnames: "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe Ikeda Hashimoto Yamashita Ishikawa Nakajima Maeda Fujita Ogawa",
        shape: Shape::EitherOrder,
    },
    Culture {
        label: "korean",
        given: "Min-jun Seo-jun Do-yun Ye-jun Si-woo Ha-joon Ji-ho Joon-young Hyun-woo Ji-hoon Seo-yeon Ji-woo Seo-yun Ha-eun Min-seo Ji-yoo Yoon-seo Chae-won Su-ah Ji-min Minho Jiwon Sungmin Hyejin Eunji Younghee Dongwook Jaehyun Sangwoo Kyungsoo",
        surnames: "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Jeon Hong Yoo Ko Moon Yang Son Bae Baek Heo Nam Shim",
        shape: Shape::EitherOrder,
    },
    Culture {
        label: "korean_hangul",
        given: "민준 서준 도윤 예준 시우 하준 지호 준영 현우 지훈 서연 지우 서윤 하은 민서 지유 윤서 채원 수아 지민 민호 지원 성민 혜진 은지 영희 동욱 재현 상우 경수",
        surnames: "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 전 홍 유 고 문 양 손 배 백 허 남 심",
        shape: Shape::EastAsianScript,
    },
    Culture {
        label: "vietnamese",
        given: "Anh Bảo Dũng Hùng Huy Khoa Long Minh Nam Phong Quân Sơn Thắng Tuấn Việt Hương Lan Linh Mai Ngọc Phương Thảo Trang Vy Yến Hà Hạnh Thủy Nhung Hoa",
        surnames: "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trương Lâm Mai Tô Hà Cao Lương Chu",
        shape: Shape::Vietnamese,
    },
    Culture {
        label: "west_african",
        given: "Chinedu Emeka Obinna Chukwuemeka Oluwaseun Babatunde Olumide Adebayo Ayodele Kayode Tunde Ibrahim Musa Abubakar Kwame Kofi Kwabena Yaw Ama Akosua Ngozi Chioma Adaeze Funmilayo Folake Yetunde Aisha Zainab Amina Fatoumata Mamadou Ousmane Moussa Seydou",
        surnames: "Okafor Okonkwo Eze Nwosu Obi Chukwu Adeyemi Adebayo Ogunleye Balogun Olawale Bello Abubakar Mohammed Suleiman Danjuma Mensah Owusu Boateng Asante Appiah Osei Agyeman Diallo Traoré Coulibaly Keita Konaté Camara Sow Ndiaye Diop Fofana",
        shape: Shape::Western(0.25),
    },
    Culture {
        label: "east_african",
        given: "Abebe Tesfaye Getachew Dawit Yohannes Bekele Haile Mulugeta Kebede Tadesse Almaz Tigist Meron Hiwot Selam John Peter Joseph Juma Baraka Otieno Wanjiru Achieng Njeri Wambui Halima Mwajuma Amani Zawadi Neema",
        surnames: "Tesfaye Bekele Haile Alemu Girma Tadesse Mekonnen Wolde Kebede Desta Kiprop Kipchoge Kamau Mwangi Otieno Odhiambo Ochieng Wanjiku Njoroge Mutua Kariuki Omondi Mohamed Hassan Warsame Abdi Farah Juma Mwakyusa Kimaro Msuya",
        shape: Shape::Western(0.2),
    },
    Culture {
        label: "indonesian",
        given: "Budi Agus Andi Dedi Eko Hendra Irwan Joko Rudi Slamet Bambang Wahyu Yusuf Rizky Fajar Dewi Sri Siti Putri Ayu Ratna Wulan Indah Fitri Nur Lestari Kartika Rina Susanti Maya",
        surnames: "Santoso Wijaya Susanto Setiawan Gunawan Hidayat Saputra Kusuma Pratama Nugroho Wibowo Hartono Halim Salim Tanoto Lubis Siregar Nasution Harahap Simanjuntak Sitompul Tanjung Rahman Hakim Putra Utomo Purnomo Sulistyo Kurniawan Firmansyah",
        shape: Shape::Indonesian,
    },
];

struct CompanyStyle {
    label: &'static str,
    /// Distinctive first words.
    heads: &'static str,
    /// Business words (`|` separates multi-word items).
    trades: &'static str,
    /// Legal forms (`|` separated); a leading `^` puts the form before the name.
    forms: &'static str,
}

const COMPANIES: &[CompanyStyle] = &[
    CompanyStyle {
        label: "company_en",
        heads: "Northwind Blue_River Silver_Oak Summit Harbor Evergreen Pioneer Atlas Crescent Maple Redwood Granite Horizon Meridian Sunrise Lakeside Bright_Path Cedar Falcon Orion Vertex Nova Apex Keystone Riverside Highland Bluebird Copperfield Ironbridge Westbrook Oakridge Stonegate Clearwater Brightwater Greenfield Fairview Kingsley Ashford Pinnacle Beacon Lighthouse Trident Sterling",
        trades: "Logistics|Software|Consulting|Foods|Textiles|Engineering|Shipping|Capital|Holdings|Technologies|Solutions|Construction|Pharmaceuticals|Energy|Imports|Media|Analytics|Motors|Electronics|Marine|Travel|Security|Studios|Bakery|Dental Care|Realty|Insurance Brokers|Freight|Packaging|Medical Supplies|Data Systems|Trading|Industries|Partners|Ventures",
        forms: "LLC|Inc.|Ltd|Limited|Corp.|Co.|PLC|LLP|Group|Corporation|Company",
    },
    CompanyStyle {
        label: "company_de",
        heads: "Rheinland Alpen Nordsee Schwarzwald Bergmann Hansa Adler Falke Sonnenschein Weber Müller Schneider Fischer Brandt Kessler Lindner Bayern Elbe Donau Baltic Edelweiss Lorenz Vogel Kranich",
        trades: "Maschinenbau|Logistik|Software|Handel|Bau|Technik|Elektro|Immobilien|Versand|Druckerei|Metallbau|Autohaus|Medizintechnik|Solar|Verwaltung",
        forms: "GmbH|AG|GmbH & Co. KG|KG|e.K.",
    },
    CompanyStyle {
        label: "company_fr_es_it_pt",
        heads: "Soleil Lumière Horizonte Montaña Costa_Azul Estrella Aurora Sierra Río_Grande Bella_Vista Sole Primavera Atlantico Douro Tejo Mistral Provence Iberia Andina Pampa Marítima Valle",
        trades: "Construcciones|Transportes|Distribuciones|Alimentos|Consultores|Inmobiliaria|Logística|Comercial|Servizi|Costruzioni|Trasporti|Comércio|Engenharia|Conseil|Transports|Informatique|Boulangerie",
        forms: "S.A.|S.L.|S.A. de C.V.|SARL|SAS|S.r.l.|S.p.A.|Ltda.|Lda.",
    },
    CompanyStyle {
        label: "company_ru",
        heads: "Volga Ural Baltika Sibir Neva Amur Don Taiga Yug Sever Vostok Kama Oka Altai Baikal Romashka Zvezda Rassvet Vympel Avangard Progress Soyuz Energo Stroy Agro",
        trades: "Stroyinvest|Trans|Servis|Torg|Promtekh|Neftegaz|Logistik|Agro|Mebel|Avto|Telekom|Konsalting|Energo|Snab|Pishcheprom",
        forms: "^OOO|^AO|^ZAO|LLC|JSC|^TOO",
    },
    CompanyStyle {
        label: "company_ru_cyrillic",
        heads: "Волга Урал Балтика Сибирь Нева Амур Тайга Север Восток Кама Алтай Байкал Ромашка Звезда Рассвет Вымпел Авангард Прогресс Союз",
        trades: "Стройинвест|Транс|Сервис|Торг|Промтех|Логистик|Агро|Мебель|Авто|Телеком|Консалтинг|Энерго|Снаб",
        forms: "^ООО|^АО|^ЗАО|^ИП",
    },
    CompanyStyle {
        label: "company_cn",
        heads: "Shenzhen_Huaxin Ningbo_Jinda Hangzhou_Hengtai Xiamen_Xinyuan Guangzhou_Tianhe Suzhou_Ruifeng Qingdao_Haida Wuhan_Changjiang Chengdu_Jinsha Foshan_Meida Dongguan_Hongli Tianjin_Bohai Shanghai_Huamao Beijing_Zhongke Yiwu_Baisheng Nanjing_Jinling",
        trades: "Electronics|Trading|Technology|Import and Export|Textile|Machinery|Industrial|Plastic Products|Furniture|Optical|Auto Parts|Garment|Chemical|Hardware|Packaging",
        forms: "Co., Ltd.|Co., Ltd|Company Limited|Co. Ltd",
    },
    CompanyStyle {
        label: "company_cn_han",
        heads: "深圳市华信 宁波金达 杭州恒泰 厦门鑫源 广州天河 苏州瑞丰 青岛海达 武汉长江 成都金沙 佛山美达 东莞宏利 天津渤海",
        trades: "电子|贸易|科技|进出口|纺织|机械|实业|塑料制品|家具|光学",
        forms: "有限公司|股份有限公司",
    },
    CompanyStyle {
        label: "company_jp_kr",
        heads: "Sakura Fuji Yamato Hikari Midori Asahi Taiyo Nippon_Seiko Kansai Tohoku Hanil Daesung Samhwa Hanbit Seoul Busan Incheon Daehan Sejong Mirae Hankook Woori Dongbang",
        trades: "Electronics|Industrial|Trading|Shoji|Seiki|Pharmaceutical|Food|Logistics|Construction|Chemical|Precision|Motors|Textile",
        forms: "Co., Ltd.|K.K.|Kabushiki Kaisha|Inc.|Corporation",
    },
    CompanyStyle {
        label: "company_gulf_south_asia",
        heads: "Al_Noor Al_Baraka Dar_Al_Salam Gulf_Star Emirates_Pearl Desert_Rose Falcon_Eye Oasis Al_Waha Blue_Nile Indus Ganga Lotus Sapphire Crescent_Moon Sahara Zamzam Taj Royal_Palm Marhaba Karachi Lahore Mumbai Chennai Dhaka",
        trades: "General Trading|Contracting|Foodstuff Trading|Building Materials|Travel and Tourism|Textiles|Exports|Enterprises|Traders|Infotech|Pharma|Steel|Auto Spare Parts|Electricals",
        forms: "LLC|FZE|FZ-LLC|FZCO|Pvt Ltd|Private Limited|Ltd.|Enterprises|W.L.L.",
    },
    CompanyStyle {
        label: "company_sea_africa",
        heads: "Nusantara Mitra Sinar Jaya Makmur Bintang Harapan Cahaya Sentosa Maju Tiga_Berlian Golden_Palm Lagos Accra Sahel Savanna Kilimanjaro Serengeti Nairobi Zambezi Ubuntu Baobab Victoria_Lake",
        trades: "Abadi|Sejahtera|Logistics|Trading|Plantations|Agro Allied|Oil and Gas Services|Construction|Ventures|Holdings|Microfinance|Foods|Motors",
        forms: "^PT|Sdn Bhd|Sdn. Bhd.|Nigeria Limited|Ltd|Limited|Plc",
    },
];

/// Makes one name for a culture slot: (name, culture label).
type MakeName<'a> = &'a mut dyn FnMut(usize, &mut Rng) -> Option<(String, &'static str)>;

fn words(s: &'static str) -> Vec<&'static str> {
    s.split_whitespace().collect()
}

fn spaced(s: &str) -> String {
    s.replace('_', " ")
}

/// The sorted Name-class tokens of a name: two names with the same key are the same name for
/// screening purposes.
pub fn name_key(name: &str) -> Vec<String> {
    let mut key: Vec<String> = normalize(name)
        .tokens
        .into_iter()
        .filter(|t| t.class == TokenClass::Name)
        .map(|t| t.text)
        .collect();
    key.sort_unstable();
    key
}

/// Name keys of every listed name. A generated negative that reads as a listed name, or as a
/// listed name of three or more tokens without one of them (the `drop_middle` positives
/// expect exactly that to match), is a true name hit, not a candidate false positive.
#[derive(Debug, Default)]
pub struct NameKeys {
    keys: HashSet<Vec<String>>,
    minus_one: HashSet<Vec<String>>,
}

impl NameKeys {
    /// Keys of all given names.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> NameKeys {
        let mut k = NameKeys::default();
        for name in names {
            let key = name_key(name);
            if key.is_empty() {
                continue;
            }
            if key.len() >= 3 {
                for i in 0..key.len() {
                    let mut shorter = key.clone();
                    shorter.remove(i);
                    k.minus_one.insert(shorter);
                }
            }
            k.keys.insert(key);
        }
        k
    }

    /// Whether `name` reads as a listed name (or one without a middle name).
    pub fn is_listed(&self, name: &str) -> bool {
        let key = name_key(name);
        self.keys.contains(&key) || self.minus_one.contains(&key)
    }

    /// Number of distinct listed keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no key is known.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// The first letter of a name, as an initial.
fn initial(name: &str) -> Option<char> {
    name.chars().next()
}

fn person(c: &Culture, rng: &mut Rng) -> Option<String> {
    let given = words(c.given);
    let surnames = words(c.surnames);
    let g = *rng.pick(&given)?;
    let s = *rng.pick(&surnames)?;
    Some(match c.shape {
        Shape::Western(p) => {
            if rng.chance(p) {
                let g2 = *rng.pick(&given)?;
                if g2 != g {
                    // The middle name is often written as an initial (`John A. Smith`).
                    if rng.chance(0.3) {
                        return Some(format!("{g} {}. {s}", initial(g2)?));
                    }
                    return Some(format!("{g} {g2} {s}"));
                }
            }
            format!("{g} {s}")
        }
        Shape::Hispanic => {
            let s2 = *rng.pick(&surnames)?;
            if s2 != s && rng.chance(0.7) {
                format!("{g} {s} {s2}")
            } else {
                format!("{g} {s}")
            }
        }
        Shape::Slavic => {
            // Patronymic from a male given name; surname gender ignored for plausibility's sake.
            let father = *rng.pick(&given)?;
            let cyr = !father.is_ascii();
            let patronymic = if cyr {
                format!("{}ович", father.trim_end_matches(['й', 'ь', 'а']))
            } else {
                format!("{}ovich", father.trim_end_matches(['y', 'i', 'a']))
            };
            if rng.chance(0.4) {
                // On forms, often surname and initials (`Ivanov I. P.`).
                if !cyr && rng.chance(0.3) {
                    return Some(format!("{s} {}. {}.", initial(g)?, initial(&patronymic)?));
                }
                format!("{g} {patronymic} {s}")
            } else {
                format!("{g} {s}")
            }
        }
        Shape::Arabic => {
            let father = *rng.pick(&given)?;
            let latin = g.is_ascii();
            let article = if latin { "Al-" } else { "ال" };
            match rng.below(3) {
                0 => format!("{g} {father} {s}"),
                1 => format!("{g} {article}{s}"),
                _ => format!("{g} {s}"),
            }
        }
        Shape::EastAsianScript => format!("{s}{g}"),
        Shape::EitherOrder => {
            if rng.chance(0.5) {
                format!("{g} {s}")
            } else {
                format!("{s} {g}")
            }
        }
        Shape::Vietnamese => {
            let middle =
                *rng.pick(&["Văn", "Thị", "Minh", "Quốc", "Đức", "Ngọc", "Thanh", "Hữu"])?;
            format!("{s} {middle} {g}")
        }
        Shape::Indonesian => match rng.below(3) {
            0 => g.to_string(),
            1 => format!("{g} {s}"),
            _ => {
                let g2 = *rng.pick(&given)?;
                format!("{g} {g2}")
            }
        },
    })
}

fn company(c: &CompanyStyle, rng: &mut Rng) -> Option<String> {
    let heads = words(c.heads);
    let trades: Vec<&str> = c.trades.split('|').collect();
    let forms: Vec<&str> = c.forms.split('|').collect();
    let head = spaced(rng.pick(&heads)?);
    let trade = *rng.pick(&trades)?;
    let form = *rng.pick(&forms)?;
    let cjk = !head.is_ascii()
        && head
            .chars()
            .any(|ch| ('\u{4E00}'..='\u{9FFF}').contains(&ch));
    let body = if cjk {
        format!("{head}{trade}")
    } else if rng.chance(0.8) {
        format!("{head} {trade}")
    } else {
        head
    };
    Some(match form.strip_prefix('^') {
        Some(prefix) if !body.is_ascii() && prefix.chars().all(|ch| !ch.is_ascii()) => {
            format!("{prefix} «{body}»")
        }
        Some(prefix) => format!("{prefix} {body}"),
        None if cjk => format!("{body}{form}"),
        None => format!("{body} {form}"),
    })
}

/// Generates `count` distinct negatives (three quarters people, one quarter companies, spread
/// evenly over cultures and company styles), leaving out every name that reads as listed.
pub fn generate(count: usize, seed: u64, listed: &NameKeys) -> (Vec<Negative>, usize) {
    let mut rng = Rng::derive(seed, "negatives");
    let people = count - count / 4;
    let companies = count / 4;
    let mut out = Vec::with_capacity(count);
    let mut seen = HashSet::new();
    let mut excluded = 0;
    let mut fill = |n: usize,
                    slots: usize,
                    make: MakeName<'_>,
                    party: Party,
                    rng: &mut Rng,
                    out: &mut Vec<Negative>| {
        for slot in 0..slots {
            let quota = n / slots + usize::from(slot < n % slots);
            let mut made = 0;
            let mut tries = 0;
            while made < quota && tries < quota * 20 + 50 {
                tries += 1;
                let Some((name, label)) = make(slot, rng) else {
                    continue;
                };
                if !seen.insert(name.clone()) {
                    continue;
                }
                if listed.is_listed(&name) {
                    excluded += 1;
                    continue;
                }
                out.push(Negative {
                    name,
                    culture: label,
                    party,
                });
                made += 1;
            }
        }
    };
    fill(
        people,
        CULTURES.len(),
        &mut |i, rng| {
            CULTURES
                .get(i)
                .and_then(|c| Some((person(c, rng)?, c.label)))
        },
        Party::Person,
        &mut rng,
        &mut out,
    );
    fill(
        companies,
        COMPANIES.len(),
        &mut |i, rng| {
            COMPANIES
                .get(i)
                .and_then(|c| Some((company(c, rng)?, c.label)))
        },
        Party::Company,
        &mut rng,
        &mut out,
    );
    (out, excluded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic_and_varied() {
        let none = NameKeys::default();
        let (a, _) = generate(600, 42, &none);
        let (b, _) = generate(600, 42, &none);
        assert_eq!(a, b);
        let (c, _) = generate(600, 43, &none);
        assert_ne!(a, c);
        assert_eq!(a.len(), 600);
        let cultures: HashSet<&str> = a.iter().map(|n| n.culture).collect();
        assert!(
            cultures.len() >= CULTURES.len() + COMPANIES.len() - 1,
            "{cultures:?}"
        );
        assert!(a.iter().any(|n| n
            .name
            .chars()
            .any(|ch| ('\u{AC00}'..='\u{D7A3}').contains(&ch))));
        assert!(a.iter().any(|n| n
            .name
            .chars()
            .any(|ch| ('\u{0600}'..='\u{06FF}').contains(&ch))));
        assert!(a.iter().any(|n| n
            .name
            .chars()
            .any(|ch| ('\u{0400}'..='\u{04FF}').contains(&ch))));
        assert!(a.iter().any(|n| n
            .name
            .chars()
            .any(|ch| ('\u{4E00}'..='\u{9FFF}').contains(&ch))));
        assert_eq!(a.iter().filter(|n| n.party == Party::Company).count(), 150);
    }

    #[test]
    fn listed_names_are_excluded() {
        let none = NameKeys::default();
        let (all, excluded) = generate(400, 7, &none);
        assert_eq!(excluded, 0);
        // Pretend the first ten generated names are listed, in listed spelling and order.
        let listed_texts: Vec<String> = all
            .iter()
            .take(10)
            .map(|n| {
                let mut w: Vec<&str> = n.name.split_whitespace().collect();
                w.reverse();
                w.join(", ").to_uppercase()
            })
            .collect();
        let keys = NameKeys::new(listed_texts.iter().map(String::as_str));
        assert!(keys.is_listed(&all[0].name));
        let middle = NameKeys::new(["BORISOV, Igor Vladimirovich"]);
        assert!(middle.is_listed("Igor Borisov"));
        assert!(!middle.is_listed("Igor Petrov"));
        assert!(!NameKeys::new(["BORISOV, Igor"]).is_listed("Igor"));
        let (filtered, excluded) = generate(400, 7, &keys);
        assert!(excluded >= 10, "{excluded}");
        for n in &filtered {
            assert!(!keys.is_listed(&n.name), "{}", n.name);
        }
    }
}
