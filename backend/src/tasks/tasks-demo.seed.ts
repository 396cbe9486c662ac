import { Injectable } from '@nestjs/common';
import type { CardViewer } from '../consultations/card-viewer.js';
import { ConsultationCardsService } from '../consultations/consultation-cards.service.js';
import { DemoSeedRegistry } from '../seed/demo-seed-registry.js';
import { permissionsOf } from '../users/roles.js';
import { UsersRepository } from '../users/users.repository.js';
import type { TaskType } from './tasks.schema.js';
import { TasksService } from './tasks.service.js';

const HOUR = 3600_000;
const EVERY_DEPARTMENT: CardViewer = {
  id: '00000000-0000-0000-0000-000000000000',
  departmentId: null,
  permissions: ['cards.all_departments'],
};

const NEXT_STEPS: { title: string; type: TaskType }[] = [
  { title: 'Sună înapoi: clarifică suma solicitată', type: 'call_back' },
  { title: 'Întâlnire la oficiu pentru planul de afaceri', type: 'meeting' },
  { title: 'Trimite lista de documente pe e-mail', type: 'follow_up' },
  { title: 'Consultație despre condițiile programului', type: 'consultation' },
  { title: 'Confirmă participarea la eveniment', type: 'call_back' },
];

/** Demo (order 30): next tasks on the demo cards — some overdue, some due today, some with subtasks, some done. */
@Injectable()
export class TasksDemoSeed {
  constructor(
    private readonly tasks: TasksService,
    private readonly cards: ConsultationCardsService,
    private readonly users: UsersRepository,
    registry: DemoSeedRegistry,
  ) {
    registry.register({ name: 'tasks', order: 30, seed: () => this.seed() });
  }

  private async seed(): Promise<void> {
    const { items } = await this.cards.list({ status: 'active', limit: 200, offset: 0 }, EVERY_DEPARTMENT);
    const viewers = new Map<string, CardViewer>();
    const perOwner = new Map<string, number>();
    for (const card of items) {
      if (!card.responsibleUserId) continue;
      const owner = viewers.get(card.responsibleUserId) ?? (await this.viewerOf(card.responsibleUserId));
      if (!owner) continue;
      viewers.set(owner.id, owner);
      const k = perOwner.get(owner.id) ?? 0; // each consultant gets the whole mix
      perOwner.set(owner.id, k + 1);
      const step = NEXT_STEPS[k % NEXT_STEPS.length];
      if (k % 5 === 0) {
        const done = await this.tasks.create(
          {
            title: 'Primul apel de calificare',
            type: 'call_back',
            cardId: card.id,
            priority: 0,
            dueAt: new Date(Date.now() - 72 * HOUR),
          },
          owner,
        );
        await this.tasks.close(done.id, 'Am discutat ideea de afaceri; trimis informații despre program.', owner);
      }
      if (k % 8 === 7) continue; // left without a next task: shows in the policy report and the consultant's work blockers
      const task = await this.tasks.create(
        { ...step, cardId: card.id, priority: k % 3 === 0 ? 1 : 0, dueAt: dueFor(k) },
        owner,
      );
      if (k % 6 === 1) {
        const colleague = [...viewers.values()].find((v) => v.id !== owner.id) ?? owner;
        await this.tasks.create(
          {
            title: 'Verifică planul de afaceri',
            type: 'other',
            parentTaskId: task.id,
            assigneeUserId: colleague.id,
            priority: 0,
            dueAt: dueFor(k + 1),
          },
          owner,
        );
        await this.tasks.create(
          {
            title: 'Cere extrasul din registru',
            type: 'follow_up',
            parentTaskId: task.id,
            priority: 0,
            dueAt: dueFor(k + 2),
          },
          owner,
        );
      }
    }
  }

  private async viewerOf(userId: string): Promise<CardViewer | undefined> {
    const user = await this.users.findById(userId);
    return user
      ? { id: user.id, departmentId: user.departmentId, permissions: permissionsOf(user.role, user.extraPermissions) }
      : undefined;
  }
}

/** A quarter overdue, a quarter due today, the rest in the coming days. */
function dueFor(k: number): Date {
  const now = Date.now();
  switch (k % 4) {
    case 0:
      return new Date(now - (26 + (k % 3) * 24) * HOUR);
    case 1:
      return new Date(now + (new Date().getUTCHours() < 19 ? 2 : -1) * HOUR);
    default:
      return new Date(now + (2 + (k % 5)) * 24 * HOUR);
  }
}
