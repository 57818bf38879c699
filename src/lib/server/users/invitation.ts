import type { EntityManager } from '@mikro-orm/postgresql';
import { generateSessionToken, hashSecret } from '../auth/session-token.ts';

/** How long an invitation link (staff or patient portal) stays good. */
export const INVITATION_HOURS = 72;

/**
 * A new single-use invitation link for an account, inside the caller's transaction: any earlier
 * link stops working; only a hash of the token is stored. Returns the token to mail, once.
 */
export async function issueInvitation(em: EntityManager, at: { hospitalId: string; userId: string; createdBy: string }): Promise<string> {
	const { token } = generateSessionToken();
	await em.execute('update invitation set used_at = now() where user_id = ? and used_at is null', [at.userId], 'run');
	await em.execute(
		`insert into invitation (id, hospital_id, user_id, token_hash, created_by_id, created_at, expires_at)
		 values (gen_random_uuid(), ?, ?, ?, ?, now(), now() + (? * interval '1 hour'))`,
		[at.hospitalId, at.userId, hashSecret(token), at.createdBy, INVITATION_HOURS],
		'run'
	);
	return token;
}
