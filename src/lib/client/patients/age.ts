/** Whole years from a YYYY-MM-DD birth date to today. */
export function ageInYears(dateOfBirth: string, today = new Date()): number {
	const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
	let age = today.getFullYear() - y;
	if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age--;
	return Math.max(0, age);
}
