// Anything under /api/v1/ that no route serves: a JSON 404, never Next's HTML page.
import { AppError, errorResponse } from "@/lib/errors";

const notFound = () => errorResponse(new AppError("not_found", "There is no such API endpoint. See the README for the endpoints."));

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
