import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';

/** The code an authenticator app would show for this base32 key, `offsetSteps` periods from now. */
export function totpCode(base32Key: string, offsetSteps = 0): string {
	const step = Math.floor(Date.now() / 30_000) + offsetSteps;
	return generateHOTP(decodeBase32IgnorePadding(base32Key), BigInt(step), 6);
}
