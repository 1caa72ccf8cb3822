// Anything under /api/ that no route serves (/api/v1/nope, or /api/auth itself, which next-auth's catch-all
// does not take): a JSON 404, never Next's HTML page, and never a page where a POST could be a server action.
import { AppError, errorResponse } from "@/lib/errors";

const notFound = () => errorResponse(new AppError("not_found", "There is no such API endpoint. See the README for the endpoints."));

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
