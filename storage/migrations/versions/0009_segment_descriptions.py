"""Keep the columns behind a customer segment's label.

Revision ID: 0009_segment_descriptions
Revises: 0008_stored_messages
Create Date: 2026-12-05 03:10:00

``segments.description`` holds, as JSON, the feature columns and
directions that a segment's English ``label`` names, so the segments
screen words the label in the staff's language. Existing segments keep an
empty description: the studio reads their labels back when it shows or
refits them (``recommender.segments.description_from_label``), because
that reading belongs to the recommender, which a migration may not
import. The downgrade drops the column; the English labels stay.
"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "0009_segment_descriptions"
down_revision: Union[str, Sequence[str], None] = "0008_stored_messages"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Add the nullable ``description`` column."""
    op.add_column("segments", sa.Column("description", sa.Text(), nullable=True))


def downgrade() -> None:
    """Drop the column; labels stay in English."""
    op.drop_column("segments", "description")
