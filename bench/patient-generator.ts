// Realistic, reproducible fake patients for the patient benchmark: Indian names from every region
// with the skewed frequencies real registers have (a few surnames are very common, most are rare),
// mobile numbers, birth dates weighted towards adults, about half with an email address.

/** mulberry32: small, fast and good enough to make data; the same seed gives the same hospital. */
export function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const FEMALE = `Priya Ananya Aishwarya Divya Kavya Lakshmi Meera Pooja Sneha Shreya Nandini Deepa Anjali Neha Riya Aditi Ishita Kritika
Swati Sunita Anita Kavita Rekha Geeta Seema Sushma Usha Asha Radha Sita Gayatri Bhavana Harini Keerthi Lavanya Madhuri Nisha Pallavi
Preeti Rashmi Ritu Sapna Shalini Shweta Smita Sonal Tanvi Trisha Vaishnavi Varsha Vidya Yamini Zoya Fatima Ayesha Sana Nazia Farhana
Rukhsar Simran Harpreet Gurleen Manpreet Jaspreet Mary Annie Jessy Leela Sarala Saraswati Parvati Durga Kamala Padma Revathi Sangeetha
Shobha Sudha Uma Vasanthi Chitra Jyoti Mamta Poonam Rani Renu Sarita Suman Manju Aarti Akshara Diya Ira Myra Saanvi Aadhya Anika Pari
Navya Rhea Tara Mitali Payal Moumita Sreeja Tanushree Ankita Rupali Bhagyashree Madhavi Sowmya Ramya Bindu Hema Malini Nirmala Indira
Shanthi Kalpana Archana Vandana Mridula Sharmila Rohini Yasmin Shabana Gulnaz Tabassum Rosy Celine Priyanka Komal Khushi Mansi Megha`
	.split(/\s+/);

const MALE = `Rahul Amit Rohit Vikram Arjun Karthik Suresh Ramesh Mahesh Rajesh Dinesh Ganesh Naresh Mukesh Sanjay Vijay Ajay Anil Sunil Manoj
Vinod Pradeep Sandeep Deepak Ashok Alok Rakesh Harish Girish Satish Santosh Prakash Praveen Naveen Kiran Ravi Raju Srinivas Venkatesh
Krishna Gopal Mohan Murali Balaji Siddharth Aditya Aarav Vivaan Vihaan Reyansh Ayaan Ishaan Kabir Dhruv Arnav Atharv Rohan Varun Nikhil
Akash Abhishek Ankit Gaurav Saurabh Tarun Vishal Yash Harsh Kunal Mayank Pankaj Nitin Sachin Sameer Imran Faisal Arif Salman Irfan Javed
Mohammed Abdul Farhan Zaid Gurpreet Harjeet Manjeet Jaspal Balwinder Joseph Thomas George John Sebastian Anthony Subhash Debashish
Sourav Arindam Partha Biswajit Sudipto Tapan Pranab Lokesh Umesh Yogesh Jagdish Kishore Manish Chetan Sridhar Raghav Madhav Keshav
Hemant Lalit Tushar Rajendra Surendra Mahendra Narendra Devendra Shankar Shiva Prasad Anand Arvind Bharat Chandan Darshan Eshwar`
	.split(/\s+/);

const SURNAMES = `Sharma Singh Kumar Patel Reddy Rao Gupta Nair Iyer Das Shah Joshi Verma Yadav Khan Menon Pillai Naidu Gowda Shetty Hegde
Bhat Kulkarni Deshpande Patil Pawar Jadhav Shinde Chavan Deshmukh Desai Mehta Parekh Agarwal Jain Mishra Pandey Tiwari Chauhan Saxena
Srivastava Kapoor Malhotra Khanna Mehra Bhatia Arora Chopra Sethi Ahuja Bansal Goyal Mittal Garg Chaudhary Rathore Thakur Dubey Shukla
Tripathi Dwivedi Trivedi Bhatt Naik Sawant Kamat Gokhale Apte Iyengar Kurup Panicker Nambiar Warrier Krishnan Subramanian Raman Murthy
Kamath Pai Shenoy Acharya Rai Chetty Mudaliar Varghese Thomas George Mathew Joseph Kurian Chacko Abraham Fernandes D'Souza Pereira
Rodrigues Gomes Dutta Ghosh Bose Banerjee Chatterjee Mukherjee Chakraborty Sen Roy Sarkar Mitra Basu Biswas Mondal Pal Saha Dey Mohanty
Patnaik Panda Sahoo Behera Nayak Barua Bora Gogoi Kalita Ahmed Ali Hussain Sheikh Qureshi Ansari Siddiqui Syed Pathan Mirza Baig
Farooqui Rizvi Gill Sandhu Sidhu Dhillon Grewal Bajwa Brar Randhawa Venkataraman Ramachandran Balakrishnan Gopalan Narayanan
Sundaram Chandrasekhar Rajan Prabhu Kini Bhandari Negi Rawat Bisht Thapa Tamang Lepcha Sangma Marak Lyngdoh Khongwir Haldar Ganguly
Bhattacharya Sengupta Dasgupta Lahiri Majumdar Choudhury Bhowmik Goswami Purohit Vyas Oza Dave Raval Solanki Chudasama Jadeja Gohil
Rana Bedi Anand Kohli Luthra Suri Talwar Walia Bakshi Puri Soni Vaidya Datar Karnik Bhide Limaye Phadke Sathe Ranade Paranjape`
	.split(/\s+/);

const STREETS = ['MG Road', 'Residency Road', '80 Feet Road', 'Hosur Road', 'Brigade Road', 'Church Street', 'Link Road', 'Station Road', 'Gandhi Nagar', 'Nehru Street', 'Temple Street', 'Market Road', 'Lake View Road', '1st Cross', '4th Main', 'Ring Road'];
const CITIES = ['Bengaluru', 'Mysuru', 'Chennai', 'Hyderabad', 'Pune', 'Mumbai', 'Kochi', 'Mangaluru', 'Hubballi', 'Coimbatore', 'Delhi', 'Kolkata'];
const DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.co.in', 'outlook.com', 'rediffmail.com', 'hotmail.com'];

/**
 * Index into a list with Zipf-like weights (rank r has weight 1/(r+1)^s): the head of each list is
 * common, the tail rare, as in a real register.
 */
function zipfPicker(length: number, s: number) {
	const cumulative = new Float64Array(length);
	let total = 0;
	for (let r = 0; r < length; r++) cumulative[r] = total += 1 / Math.pow(r + 1, s);
	return (u: number) => {
		const target = u * total;
		let lo = 0;
		let hi = length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cumulative[mid]! < target) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	};
}

const pickFemale = zipfPicker(FEMALE.length, 0.5);
const pickMale = zipfPicker(MALE.length, 0.5);
const pickSurname = zipfPicker(SURNAMES.length, 0.6);

export interface FakePatient {
	fullName: string;
	sex: 'female' | 'male';
	dateOfBirth: string;
	/** E.164 */
	phone: string;
	email: string | null;
	address: string | null;
	fitzpatrickType: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function fakePatient(rnd: () => number): FakePatient {
	const sex = rnd() < 0.56 ? 'female' : 'male'; // skin clinics see more women
	const first = sex === 'female' ? FEMALE[pickFemale(rnd())]! : MALE[pickMale(rnd())]!;
	const last = SURNAMES[pickSurname(rnd())]!;
	const style = rnd();
	let fullName: string;
	if (sex === 'male' && style < 0.12) fullName = `${first} Kumar ${last}`;
	else if (sex === 'female' && style < 0.04) fullName = `${first} ${rnd() < 0.5 ? 'Devi' : 'Kumari'} ${last}`;
	else if (style > 0.96) fullName = `${MALE[pickMale(rnd())]!.charAt(0)}. ${first} ${last}`; // initial first, as in the South
	else if (style > 0.93) fullName = first; // a single name, as some register
	else fullName = `${first} ${last}`;
	// Adults mostly; a few children and elderly.
	const age = Math.min(95, Math.max(1, Math.round(18 + 45 * Math.pow(rnd(), 1.4) + (rnd() < 0.08 ? -15 : 0))));
	const year = 2025 - age;
	const dateOfBirth = `${year}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`;
	const phone = `+91${6 + Math.floor(rnd() * 4)}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`;
	const email = rnd() < 0.5 ? `${first}.${last.replace(/\W/g, '')}${rnd() < 0.6 ? Math.floor(rnd() * 1000) : ''}@${DOMAINS[Math.floor(rnd() * DOMAINS.length)]}`.toLowerCase() : null;
	const address = rnd() < 0.8 ? `${1 + Math.floor(rnd() * 400)}, ${STREETS[Math.floor(rnd() * STREETS.length)]}, ${CITIES[Math.floor(rnd() * CITIES.length)]}` : null;
	return { fullName, sex, dateOfBirth, phone, email, address, fitzpatrickType: 2 + Math.floor(rnd() * 4) };
}

/** One letter of the longest word replaced by a neighbour on the keyboard row: a plausible typo. */
export function typo(name: string, rnd: () => number): string {
	const words = name.split(' ');
	let w = 0;
	for (let i = 1; i < words.length; i++) if (words[i]!.length > words[w]!.length) w = i;
	const word = words[w]!;
	const at = 1 + Math.floor(rnd() * (word.length - 1));
	const letters = 'abcdefghijklmnopqrstuvwxyz';
	let replacement = word[at]!;
	while (replacement.toLowerCase() === word[at]!.toLowerCase()) replacement = letters[Math.floor(rnd() * letters.length)]!;
	words[w] = word.slice(0, at) + replacement + word.slice(at + 1);
	return words.join(' ');
}

export const NAME_LISTS = { female: FEMALE.length, male: MALE.length, surnames: SURNAMES.length };
