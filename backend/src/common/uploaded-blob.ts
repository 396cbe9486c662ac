/** What multer hands over for one uploaded file (memory storage), to every upload endpoint. */
export type UploadedBlob = { buffer: Buffer; originalname: string; mimetype: string; size: number };
