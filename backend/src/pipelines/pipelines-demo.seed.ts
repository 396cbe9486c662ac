import { Injectable } from '@nestjs/common';
import { DemoSeedRegistry } from '../seed/demo-seed-registry.js';
import { UsersRepository } from '../users/users.repository.js';
import { FieldDefinitionsService } from './field-definitions.service.js';
import type { FieldDefinitionDto } from './pipelines.dto.js';
import { PipelinesService } from './pipelines.service.js';

/** Which demo department works which pipeline. */
const DEMO_PIPELINE_DEPARTMENTS: Record<string, string> = {
  'ads-landing': 'consultanta',
  'cold-calls-events': 'evenimente',
  'department-referrals': 'consultanta',
};

const DEMO_FIELD_GROUPS: {
  name: { ro: string; ru: string; en: string };
  fields: Omit<FieldDefinitionDto, 'groupId' | 'order' | 'active' | 'pipelineIds'>[];
}[] = [
  {
    name: { ro: 'Date despre afacere', ru: 'О бизнесе', en: 'Business details' },
    fields: [
      {
        key: 'employees',
        label: { ro: 'Număr angajați', ru: 'Число сотрудников', en: 'Employees' },
        type: 'number',
        options: [],
      },
      {
        key: 'sector',
        label: { ro: 'Sector de activitate', ru: 'Сфера деятельности', en: 'Sector' },
        type: 'select',
        options: [
          { value: 'agro', label: { ro: 'Agricultură', ru: 'Сельское хозяйство', en: 'Agriculture' } },
          { value: 'it', label: { ro: 'IT și servicii digitale', ru: 'ИТ', en: 'IT' } },
          { value: 'productie', label: { ro: 'Producție', ru: 'Производство', en: 'Manufacturing' } },
          { value: 'comert', label: { ro: 'Comerț', ru: 'Торговля', en: 'Trade' } },
          { value: 'servicii', label: { ro: 'Servicii', ru: 'Услуги', en: 'Services' } },
        ],
      },
      {
        key: 'annualTurnover',
        label: { ro: 'Cifra de afaceri anuală (MDL)', ru: 'Годовой оборот (MDL)', en: 'Annual turnover (MDL)' },
        type: 'money',
        options: [],
      },
      { key: 'website', label: { ro: 'Site web', ru: 'Сайт', en: 'Website' }, type: 'url', options: [] },
    ],
  },
  {
    name: { ro: 'Finanțare', ru: 'Финансирование', en: 'Funding' },
    fields: [
      {
        key: 'requestedAmount',
        label: { ro: 'Suma solicitată (MDL)', ru: 'Запрошенная сумма (MDL)', en: 'Requested amount (MDL)' },
        type: 'money',
        options: [],
      },
      {
        key: 'fundingPurpose',
        label: { ro: 'Scopul finanțării', ru: 'Цель финансирования', en: 'Funding purpose' },
        type: 'text',
        options: [],
      },
      {
        key: 'plannedStart',
        label: { ro: 'Data planificată de lansare', ru: 'Планируемый запуск', en: 'Planned start' },
        type: 'date',
        options: [],
      },
      {
        key: 'documentsReady',
        label: { ro: 'Documente pregătite', ru: 'Готовые документы', en: 'Documents ready' },
        type: 'checkbox_list',
        options: [
          { value: 'plan', label: { ro: 'Plan de afaceri', ru: 'Бизнес-план', en: 'Business plan' } },
          { value: 'extras', label: { ro: 'Extras din registru', ru: 'Выписка из реестра', en: 'Register extract' } },
          { value: 'bilant', label: { ro: 'Bilanț contabil', ru: 'Баланс', en: 'Balance sheet' } },
        ],
      },
    ],
  },
];

/** Demo (order 20): the product pipelines, assigned to the demo departments, and a realistic set of custom fields. */
@Injectable()
export class PipelinesDemoSeed {
  constructor(
    private readonly pipelines: PipelinesService,
    private readonly fields: FieldDefinitionsService,
    private readonly users: UsersRepository,
    registry: DemoSeedRegistry,
  ) {
    registry.register({ name: 'pipelines', order: 20, seed: () => this.seed() });
  }

  private async seed(): Promise<void> {
    await this.pipelines.ensureDefaults();
    for (const [code, departmentCode] of Object.entries(DEMO_PIPELINE_DEPARTMENTS)) {
      const pipeline = await this.pipelines.findByCode(code);
      const department = await this.users.findDepartmentByCode(departmentCode);
      if (pipeline && department && !pipeline.departmentId)
        await this.pipelines.update(pipeline.id, { departmentId: department.id });
    }
    if ((await this.fields.list()).length) return;
    for (const [groupOrder, group] of DEMO_FIELD_GROUPS.entries()) {
      const row = await this.fields.createGroup({ name: group.name, order: groupOrder });
      for (const [order, field] of group.fields.entries())
        await this.fields.create({ ...field, groupId: row.id, order, pipelineIds: [], active: true });
    }
  }
}
