import { isRole, roleCovers } from '../../core/access/role.ts';
import type { Store } from '../../store/database.ts';
import { getJobUser, type JobRecord } from '../../store/job-repository.ts';
import { CLI_ACTOR, SYSTEM_ACTOR, type Actor } from '../access/actor.ts';
import { ServiceError } from '../service-error.ts';

const CHANNELS: readonly Actor['via'][] = ['session', 'token', 'oidc', 'cli', 'system'];

function isChannel(value: string): value is Actor['via'] {
  return (CHANNELS as readonly string[]).includes(value);
}

/**
 * The actor a job runs as: the command line or the system as themselves; a user as their
 * app_user row says now (person, name), with the role the job was submitted with, unless the user
 * has since lost it. So a job submitted through a token limited to a narrower role never runs
 * wider, and a user demoted or deactivated after submitting gets no more than they hold now.
 */
export async function actorForJob(store: Store, job: JobRecord): Promise<Actor> {
  if (job.createdBy === CLI_ACTOR.userId) return CLI_ACTOR;
  if (job.createdBy === SYSTEM_ACTOR.userId) return SYSTEM_ACTOR;
  const user = await getJobUser(store.db, job.createdBy);
  if (user === null || !user.active || !isRole(user.role)) {
    throw new ServiceError('forbidden', 'The user who submitted this job no longer exists or has been deactivated');
  }
  const asked = job.submittedAs;
  const role = asked !== null && isRole(asked.role) && roleCovers(user.role, asked.role) ? asked.role : user.role;
  const via = asked !== null && isChannel(asked.via) ? asked.via : 'system';
  return { userId: user.id, role, personId: user.personId, displayName: user.displayName, via };
}
