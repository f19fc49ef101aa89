"""Participants from referrals are chosen by the referral's own project mark (citizens 0010),
no longer by a word in its free-text description. The referrals an existing evaluation found by
its mark are given that mark, so the evaluation finds the same participants as before."""

from django.db import migrations, models


def mark_the_referrals_existing_evaluations_found(apps, schema_editor):
    Evaluering = apps.get_model("evaluation", "Evaluering")
    TilbudsForloeb = apps.get_model("citizens", "TilbudsForloeb")
    for e in Evaluering.objects.filter(kilde="tilbud").exclude(projektmaerke=""):
        mark = e.projektmaerke.strip()
        TilbudsForloeb.objects.filter(
            sag__borger__kommune_kode=e.kommune_kode,
            beskrivelse__icontains=mark,
            projektmaerke="",
        ).update(projektmaerke=mark)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0001_initial"),
        ("citizens", "0010_tilbudsforloeb_projektmaerke"),
    ]

    operations = [
        migrations.AlterField(
            model_name="evaluering",
            name="projektmaerke",
            field=models.CharField(
                blank=True,
                help_text="Borgere henvist til et tilbudsforløb med dette projektmærke er "
                "deltagere.",
                max_length=100,
                verbose_name="projektmærke",
            ),
        ),
        migrations.RunPython(
            mark_the_referrals_existing_evaluations_found, migrations.RunPython.noop
        ),
    ]
