from django.db import migrations

import xmhub.audit.sql


class Migration(migrations.Migration):
    """Re-create the audit trigger functions: the update trigger now forbids nested-loop joins."""

    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunSQL(xmhub.audit.sql.FUNCTIONS_SQL, migrations.RunSQL.noop)]
