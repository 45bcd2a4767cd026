/** Employer registrations (NPP) besides the Pemda's own: name -> { input, output } schemas. */
import { z } from 'zod';
import { empty, id, nothing, text } from './common';

export const registrationDto = z.object({
  /** null: the Pemda's own registration (Pengaturan › Profil Pemda), listed first. */
  id: z.number().nullable(),
  npp: z.string().nullable(),
  name: z.string(),
  jkkClass: z.number(),
  units: z.number(),
  categories: z.number(),
  batches: z.number(),
});
export type RegistrationDto = z.infer<typeof registrationDto>;

export const registrationSave = z
  .object({
    id: id.optional(),
    /** 8 digits; spaces, dots and dashes are dropped by the core, which explains a wrong one in Indonesian. */
    npp: text(30).min(1),
    name: text(200),
    jkkClass: z.number().int().min(1).max(5),
  })
  .strict();

export const registrationCalls = {
  'registration.list': { input: empty, output: z.array(registrationDto) },
  'registration.save': { input: registrationSave, output: z.object({ id: z.number() }) },
  'registration.delete': { input: z.object({ id }).strict(), output: nothing },
} as const;
