# The goal's measure column has one name in the whole project: `measure` (issue 11).
# A rename keeps the values already stored.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="maal", old_name="maal_kolonne", new_name="measure"),
        migrations.AlterField(
            model_name="maal",
            name="measure",
            field=models.CharField(blank=True, max_length=64, verbose_name="opgørelse"),
        ),
    ]
