"""Embedded name lists for demo and benchmark data: no network, no Faker at run time.

Deliberately varied (many origins), so a directory of a few thousand people reads like a real company.
"""

FIRST_NAMES = (
    "Aaliyah", "Aaron", "Abigail", "Adam", "Adebayo", "Aditi", "Adrian", "Agnes", "Ahmed", "Aiko", "Aisha",
    "Alan", "Alejandro", "Alexander", "Alexandra", "Alice", "Alicia", "Amara", "Amelia", "Amir", "Ana", "Anders",
    "Andrea", "Andrew", "Angela", "Anil", "Anna", "Anthony", "Antonio", "Arjun", "Astrid", "Ayesha", "Beatriz",
    "Benjamin", "Bianca", "Bilal", "Bjorn", "Brandon", "Brian", "Bridget", "Camila", "Carlos", "Caroline",
    "Catherine", "Chen", "Chidi", "Chloe", "Christopher", "Claire", "Daniel", "Daniela", "David", "Deepa",
    "Diana", "Diego", "Dmitri", "Eduardo", "Elena", "Elif", "Elijah", "Elizabeth", "Emeka", "Emily", "Emma",
    "Eric", "Erik", "Esther", "Ethan", "Eva", "Fatima", "Felipe", "Fiona", "Francesca", "Gabriel", "Gabriela",
    "George", "Grace", "Hannah", "Hana", "Harper", "Hassan", "Helen", "Hiroshi", "Ibrahim", "Ines", "Ingrid",
    "Isaac", "Isabel", "Ivan", "Jack", "Jacob", "James", "Jasmine", "Javier", "Jennifer", "Jessica", "Jin",
    "Joao", "John", "Jonathan", "Jorge", "Joseph", "Joshua", "Julia", "Julian", "Kai", "Karen", "Kateryna",
    "Kavya", "Kenji", "Kevin", "Kwame", "Laila", "Lars", "Laura", "Leila", "Leon", "Liam", "Lina", "Lucas",
    "Lucia", "Luis", "Maya", "Malik", "Marco", "Margaret", "Maria", "Mariana", "Mark", "Martin", "Mateo",
    "Matthew", "Mei", "Mia", "Michael", "Michelle", "Miguel", "Mohammed", "Nadia", "Naomi", "Natalia", "Nathan",
    "Nia", "Nicholas", "Nikhil", "Noah", "Nora", "Olivia", "Omar", "Oscar", "Patricia", "Paul", "Pedro",
    "Peter", "Priya", "Rachel", "Rafael", "Rahul", "Rebecca", "Ricardo", "Robert", "Rosa", "Ryan", "Sakura",
    "Samuel", "Sanjay", "Sara", "Sebastian", "Sofia", "Sophie", "Stefan", "Stephanie", "Sunita", "Tariq",
    "Thabo", "Thomas", "Tomas", "Valentina", "Victor", "Victoria", "Wei", "William", "Xin", "Yara", "Yusuf",
    "Zainab", "Zara", "Zoe",
)

LAST_NAMES = (
    "Abbott", "Acheampong", "Adeyemi", "Ahmed", "Alvarez", "Andersen", "Anderson", "Bailey", "Baker", "Banerjee",
    "Barros", "Becker", "Bennett", "Berg", "Bianchi", "Brooks", "Brown", "Campbell", "Carter", "Castillo",
    "Chatterjee", "Chen", "Clarke", "Collins", "Cooper", "Costa", "Cruz", "Da Silva", "Davies", "Diaz", "Dubois",
    "Edwards", "Eriksson", "Evans", "Farouk", "Fernandes", "Fischer", "Fitzgerald", "Flores", "Fontaine",
    "Garcia", "Gomez", "Gonzalez", "Gupta", "Haddad", "Hansen", "Harris", "Hartmann", "Hayes", "Hernandez",
    "Hoffmann", "Holm", "Hughes", "Hussain", "Ibrahim", "Ivanova", "Jackson", "Jansen", "Jensen", "Johansson",
    "Johnson", "Jones", "Kaur", "Kelly", "Khan", "Kim", "Kowalski", "Kumar", "Larsen", "Laurent", "Lee",
    "Lewis", "Li", "Lima", "Lindqvist", "Liu", "Lopez", "MacDonald", "Mahlangu", "Martin", "Martinez", "Mendes",
    "Meyer", "Miller", "Mitchell", "Moreau", "Morales", "Moreno", "Morris", "Murphy", "Musa", "Nakamura",
    "Nguyen", "Nielsen", "Novak", "Nowak", "Obi", "O'Brien", "Okafor", "Oliveira", "Olsen", "Ortiz", "Osei",
    "Park", "Patel", "Pereira", "Perez", "Petrov", "Phillips", "Popescu", "Price", "Quinn", "Ramirez", "Rao",
    "Reddy", "Reyes", "Richter", "Rivera", "Roberts", "Robinson", "Rodriguez", "Romano", "Rossi", "Russo",
    "Said", "Sanchez", "Santos", "Sato", "Schmidt", "Schneider", "Scott", "Shah", "Sharma", "Silva", "Singh",
    "Smith", "Sousa", "Suzuki", "Svensson", "Tanaka", "Taylor", "Thomas", "Thompson", "Torres", "Tran",
    "Turner", "Van der Berg", "Varga", "Vasquez", "Wagner", "Walker", "Wang", "Watanabe", "Weber", "White",
    "Williams", "Wilson", "Wong", "Wright", "Wu", "Yamamoto", "Yang", "Yilmaz", "Young", "Zhang", "Zhou",
)
