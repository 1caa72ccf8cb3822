// What clients may send about IP ranges ("subnets" in the product's API): a new range, or changes to one.
import { z } from "zod";
import { normalizeCidr } from "@/lib/resources/cidr";

export const SUBNET_CATEGORIES = { CORPORATE: 1, ADMINISTRATIVE: 2, RISKY: 3, VPN: 4, CLOUD_PROVIDER: 5, OTHER: 6 } as const;

const cidrList = z
  .array(z.string().max(60))
  .min(1, "give at least one CIDR")
  .max(1000)
  .transform((values, context) => {
    const normalized: string[] = [];
    values.forEach((value, index) => {
      const cidr = normalizeCidr(value);
      if (cidr) normalized.push(cidr);
      else context.addIssue({ code: "custom", message: `'${value.slice(0, 60)}' is not an IP address or CIDR range`, path: [index] });
    });
    return [...new Set(normalized)];
  });

const fields = {
  name: z.string().trim().min(1, "name is required").max(200),
  category: z
    .number()
    .int()
    .refine((value) => (Object.values(SUBNET_CATEGORIES) as number[]).includes(value), "category is 1 corporate, 2 administrative, 3 risky, 4 VPN, 5 cloud provider or 6 other"),
  subnets: cidrList,
  organization: z.string().trim().max(200).nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
};

/** POST /api/v1/subnet/create_rule/ */
export const createSubnetBody = z.object(fields).strict();
export type CreateSubnetInput = z.infer<typeof createSubnetBody>;

/** POST /api/v1/subnet/{id}/update_rule/: any of the fields, at least one. */
export const updateSubnetBody = z
  .object({ name: fields.name.optional(), category: fields.category.optional(), subnets: cidrList.optional(), organization: fields.organization, tags: fields.tags })
  .strict()
  .refine((input) => Object.keys(input).length > 0, { message: "give at least one field to change" });
export type UpdateSubnetInput = z.infer<typeof updateSubnetBody>;
