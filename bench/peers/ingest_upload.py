"""Ingest peer: an uploader in the original Python demo's style.

A pydantic model per record, a tqdm loop, the CSV written line by line, a DLQ
line per invalid record, and the image folder copied whole. Like the original,
it checks only that each image file exists. Prints one JSON line with its timing.

usage: python ingest_upload.py --data_loc raw-data --file_name compounds.json \
           --output_path OUT --dlq DLQ
"""

import argparse
import json
import os
import shutil
import time
import traceback
from datetime import datetime

from pydantic import BaseModel, ValidationError, field_validator
from tqdm import tqdm


class Compound(BaseModel):
    compound_id: str
    smiles: str
    num_rings: int
    image: str

    @field_validator("num_rings")
    @classmethod
    def non_negative(cls, value):
        if value < 0:
            raise ValueError("num_rings must not be negative")
        return value


def upload(data_loc, file_name, output_path, dlq):
    with open(os.path.join(data_loc, file_name), encoding="utf-8") as f:
        records = json.load(f)
    os.makedirs(output_path, exist_ok=True)
    accepted = rejected = 0
    with open(os.path.join(output_path, "compound_rings.csv"), "w", encoding="utf-8") as csv, open(
        dlq, "a", encoding="utf-8"
    ) as dead:
        csv.write("compound_id,num_rings,image\n")
        for row, record in enumerate(tqdm(records)):
            try:
                compound = Compound(**record)
                if not os.path.exists(os.path.join(data_loc, compound.image)):
                    raise FileNotFoundError(compound.image)
                csv.write(f"{compound.compound_id},{compound.num_rings},{compound.image}\n")
                accepted += 1
            except (ValidationError, FileNotFoundError, TypeError) as error:
                entry = {
                    "time": datetime.now().isoformat(),
                    "file": file_name,
                    "row": row,
                    "error": str(error),
                    "trace": traceback.format_exc(),
                    "data": record,
                }
                dead.write(json.dumps(entry, default=str) + "\n")
                rejected += 1
    shutil.copytree(os.path.join(data_loc, "images"), os.path.join(output_path, "images"), dirs_exist_ok=True)
    return len(records), accepted, rejected


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data_loc", required=True)
    parser.add_argument("--file_name", required=True)
    parser.add_argument("--output_path", required=True)
    parser.add_argument("--dlq", required=True)
    args = parser.parse_args()
    start = time.perf_counter()
    read, accepted, rejected = upload(args.data_loc, args.file_name, args.output_path, args.dlq)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "read": read, "accepted": accepted, "rejected": rejected}))


if __name__ == "__main__":
    main()
