import { Type } from '@sinclair/typebox';

/** The one error shape of the JSON API. */
export const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    requestId: Type.Optional(Type.String()),
  }),
}, { $id: 'Error', title: 'Error' });

/** Cursor-paginated list envelope. */
export const Page = <T extends ReturnType<typeof Type.Object>>(item: T) => Type.Object({
  data: Type.Array(item),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
