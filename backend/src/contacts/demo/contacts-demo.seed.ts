import { Injectable } from '@nestjs/common';
import type { CompanyRow } from '../../companies/companies.schema.js';
import { CompaniesService } from '../../companies/companies.service.js';
import { DemoSeedRegistry } from '../../seed/demo-seed-registry.js';
import { ContactsService } from '../contacts.service.js';
import { generateContact, seededRandom } from './contact-generator.js';

/** Moldovan SMEs of the demo (IDNOs are 13 digits in the shape of real ones: 100 + year + region + serial). */
export const DEMO_COMPANIES = [
  { name: 'AgroVita Cahul SRL', idno: '1003600012345', size: 'small', sector: 'agricultură', locality: 'Cahul' },
  { name: 'Tehno Soft SRL', idno: '1012600099887', size: 'medium', sector: 'IT', locality: 'Chișinău' },
  { name: 'Vinăria Nouă SA', idno: '1004600033221', size: 'medium', sector: 'producție', locality: 'Ungheni' },
  { name: 'Bucătăria lui Ion SRL', idno: '1018600004512', size: 'micro', sector: 'HoReCa', locality: 'Orhei' },
  { name: 'Comerț Nord SRL', idno: '1009600027764', size: 'small', sector: 'comerț', locality: 'Bălți' },
  { name: 'Gagauz Tekstil SRL', idno: '1015600041190', size: 'medium', sector: 'producție', locality: 'Comrat' },
  { name: 'Livada Sorocii SRL', idno: '1007600018833', size: 'small', sector: 'agricultură', locality: 'Soroca' },
  { name: 'DigitalHub Moldova SRL', idno: '1020600003456', size: 'micro', sector: 'IT', locality: 'Chișinău' },
  { name: 'Casa Rurală Butuceni II', idno: '1016600050071', size: 'micro', sector: 'turism rural', locality: 'Orhei' },
  {
    name: 'Servicii Contabile Plus SRL',
    idno: '1011600062318',
    size: 'micro',
    sector: 'servicii',
    locality: 'Ialoveni',
  },
  { name: 'Miere de Codru SRL', idno: '1019600007729', size: 'micro', sector: 'agricultură', locality: 'Strășeni' },
  { name: 'TransLogistic Sud SRL', idno: '1008600039945', size: 'medium', sector: 'transport', locality: 'Căușeni' },
  { name: 'ConstructExpert SRL', idno: '1013600022587', size: 'large', sector: 'construcții', locality: 'Chișinău' },
  { name: 'Brânzeturi Edineț SRL', idno: '1017600011164', size: 'small', sector: 'producție', locality: 'Edineț' },
  { name: 'Cafeneaua Centrală SRL', idno: '1021600008803', size: 'micro', sector: 'HoReCa', locality: 'Hîncești' },
] as const;

export const DEMO_CONTACT_COUNT = 60;
/** The demo uses its own series of the generator, so bench and demo data never share numbers by accident. */
const DEMO_SEED = 373;

/** Demo beneficiaries and their companies (order 10: after users and departments). */
@Injectable()
export class ContactsDemoSeed {
  constructor(
    private readonly contacts: ContactsService,
    private readonly companies: CompaniesService,
    registry: DemoSeedRegistry,
  ) {
    registry.register({ name: 'contacts', order: 10, seed: () => this.seed() });
  }

  async seed(): Promise<void> {
    const companies: CompanyRow[] = [];
    for (const company of DEMO_COMPANIES)
      companies.push(
        (await this.companies.findByIdno(company.idno)) ??
          (await this.companies.create({ ...company, customFields: {} })),
      );
    const random = seededRandom(DEMO_SEED);
    for (let i = 0; i < DEMO_CONTACT_COUNT; i++) {
      const person = generateContact(i, DEMO_SEED);
      if (await this.contacts.findByPhone(person.phone)) continue;
      const company = random() < 0.4 ? companies[i % companies.length] : undefined;
      await this.contacts.create({
        firstName: person.firstName,
        lastName: person.lastName,
        email: person.email,
        phones: [person.phone],
        locality: company?.locality ?? person.locality,
        district: person.district,
        activityType: company?.sector ?? person.activityType,
        language: person.language,
        companyId: company?.id ?? null,
        tags: person.tags,
        consent: person.consent,
        customFields:
          random() < 0.3 ? { hectare: Math.round(random() * 100), angajati: Math.round(random() * 40) } : {},
        source: person.source,
        notes: null,
      });
    }
  }
}
