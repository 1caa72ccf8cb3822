"use server";
// "Dismiss" on the leaked-token notice: remembered for this user in this browser until the notice
// would have ended anyway; a later report shows again (lib/tokens/leak-notices.ts).
import { cookies } from "next/headers";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { isPublicUrlHttps } from "@/lib/http/public-url";
import { LEAK_NOTICE_COOKIE, LEAK_NOTICE_DAYS, leakNoticeCookieValue } from "@/lib/tokens/leak-notices";

export const dismissLeakNoticesAction = defineAction(
  { schema: z.object({ seenUntil: z.number().int().min(0).max(8.64e15) }) },
  async ({ seenUntil }, { user }) => {
    (await cookies()).set(LEAK_NOTICE_COOKIE, leakNoticeCookieValue(user.id, seenUntil), {
      httpOnly: true,
      sameSite: "lax",
      secure: isPublicUrlHttps(),
      path: "/",
      maxAge: LEAK_NOTICE_DAYS * 24 * 3600,
    });
    return { dismissed: true };
  },
);
