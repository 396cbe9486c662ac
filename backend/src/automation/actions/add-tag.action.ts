import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ContactsService } from '../../contacts/contacts.service.js';
import { AutomationActionRegistry, type ActionContext, type AutomationAction } from '../automation-action.registry.js';

const params = z.strictObject({ tags: z.array(z.string().trim().min(1).max(50)).min(1).max(10) });
type Params = z.infer<typeof params>;

/** Adds tags to the contact (existing tags stay; segments and campaigns can then pick the contact up). */
@Injectable()
export class AddTagAction implements AutomationAction<Params> {
  readonly type = 'add_tag';
  readonly description = 'Add tags to the contact';
  readonly params = params;
  readonly needs = ['contact'] as const;

  constructor(
    registry: AutomationActionRegistry,
    private readonly contacts: ContactsService,
  ) {
    registry.register(this);
  }

  async run(p: Params, { facts }: ActionContext) {
    const contact = await this.contacts.get(facts.contact!.id);
    const added = p.tags.filter((t) => !contact.tags.includes(t));
    if (added.length) await this.contacts.update(contact.id, { tags: [...contact.tags, ...added] });
    return { added };
  }
}
